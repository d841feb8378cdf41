# With app_domain + an ACM certificate, the custom domain becomes the app URL everywhere and the
# distribution enforces TLS 1.2.

mock_provider "aws" {
  source = "./tests/mocks"
}

mock_provider "aws" {
  alias  = "us_east_1"
  source = "./tests/mocks"
}

variables {
  cognito_domain_prefix = "chatscape-test"
  lambda_zip_path       = "tests/fixtures/sync.zip"
  web_dist_dir          = "tests/fixtures/web-dist"
  contract              = jsondecode(file("../sync-api/deployment.json"))
}

run "custom_domain_is_the_app_url_everywhere" {
  command = apply

  variables {
    app_domain          = "chat.example.com"
    acm_certificate_arn = "arn:aws:acm:us-east-1:123456789012:certificate/11111111-2222-3333-4444-555555555555"
  }

  assert {
    condition     = output.app_url == "https://chat.example.com"
    error_message = "app_url must be the custom domain."
  }

  assert {
    condition = (
      aws_lambda_function.sync.environment[0].variables["ALLOWED_ORIGIN"] == "https://chat.example.com" &&
      aws_cognito_user_pool_client.this.callback_urls == toset(["https://chat.example.com${var.contract.oauth.redirectPath}"]) &&
      jsondecode(aws_s3_object.config.content).apiURL == "https://chat.example.com"
    )
    error_message = "ALLOWED_ORIGIN, the Cognito callback (+ the contract's redirect path) and the app's API URL must use the custom domain."
  }

  assert {
    condition = (
      aws_cloudfront_distribution.this.aliases == toset(["chat.example.com"]) &&
      !aws_cloudfront_distribution.this.viewer_certificate[0].cloudfront_default_certificate &&
      aws_cloudfront_distribution.this.viewer_certificate[0].ssl_support_method == "sni-only" &&
      aws_cloudfront_distribution.this.viewer_certificate[0].minimum_protocol_version == "TLSv1.2_2021"
    )
    error_message = "The custom domain must be an alias served with the ACM certificate and TLSv1.2_2021."
  }
}

run "custom_domain_without_certificate_is_rejected" {
  command = plan

  variables {
    app_domain = "chat.example.com"
  }

  expect_failures = [aws_cloudfront_distribution.this]
}

run "certificate_outside_us_east_1_is_rejected" {
  command = plan

  variables {
    app_domain          = "chat.example.com"
    acm_certificate_arn = "arn:aws:acm:eu-west-1:123456789012:certificate/11111111-2222-3333-4444-555555555555"
  }

  expect_failures = [var.acm_certificate_arn]
}
