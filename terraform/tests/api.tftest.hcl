# The HTTP API: every route behind the Cognito JWT authorizer, CORS for the app's origin only,
# throttled, access-logged with retention.

mock_provider "aws" {
  source = "./tests/mocks"
}

variables {
  cognito_domain_prefix = "chatscape-test"
  lambda_zip_path       = "tests/fixtures/sync.zip"
  web_dist_dir          = "tests/fixtures/web-dist"
}

run "every_route_requires_the_jwt_authorizer" {
  command = apply

  assert {
    condition     = contains(keys(aws_apigatewayv2_route.this), "POST /sync")
    error_message = "The API must expose POST /sync."
  }

  assert {
    condition = alltrue([
      for r in aws_apigatewayv2_route.this :
      r.authorization_type == "JWT" && r.authorizer_id == aws_apigatewayv2_authorizer.this.id
    ])
    error_message = "Every route must use the JWT authorizer."
  }

  assert {
    condition = (
      aws_apigatewayv2_authorizer.this.authorizer_type == "JWT" &&
      aws_apigatewayv2_authorizer.this.identity_sources == toset(["$request.header.Authorization"]) &&
      aws_apigatewayv2_authorizer.this.jwt_configuration[0].issuer == "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbCdEf123" &&
      aws_apigatewayv2_authorizer.this.jwt_configuration[0].audience == toset(["4exampleclientid0000000000"])
    )
    error_message = "The authorizer must trust ID tokens of this user pool (issuer) for this app client (audience), read from Authorization."
  }

  assert {
    condition = (
      aws_apigatewayv2_integration.sync.integration_type == "AWS_PROXY" &&
      aws_apigatewayv2_integration.sync.payload_format_version == "2.0" &&
      aws_apigatewayv2_integration.sync.integration_uri == aws_lambda_function.sync.invoke_arn
    )
    error_message = "Routes must proxy to the sync Lambda with payload format 2.0."
  }

  assert {
    condition     = aws_lambda_permission.api.principal == "apigateway.amazonaws.com" && startswith(aws_lambda_permission.api.source_arn, "arn:aws:execute-api:eu-west-1:123456789012:a1b2c3d4e5/")
    error_message = "Only this API may invoke the function."
  }
}

run "cors_allows_exactly_the_app_origin" {
  command = apply

  assert {
    condition     = !contains(aws_apigatewayv2_api.this.cors_configuration[0].allow_origins, "*")
    error_message = "CORS must not allow every origin."
  }

  assert {
    condition = (
      aws_apigatewayv2_api.this.cors_configuration[0].allow_origins == toset([output.app_url]) &&
      output.app_url == "https://d111111abcdef8.cloudfront.net"
    )
    error_message = "CORS must allow exactly the app URL (the CloudFront domain without a custom domain)."
  }

  assert {
    condition = (
      aws_apigatewayv2_api.this.cors_configuration[0].allow_methods == toset(["POST", "OPTIONS"]) &&
      aws_apigatewayv2_api.this.cors_configuration[0].allow_headers == toset(["authorization", "content-type"]) &&
      aws_apigatewayv2_api.this.cors_configuration[0].expose_headers == toset(["retry-after"]) &&
      aws_apigatewayv2_api.this.cors_configuration[0].max_age > 0 &&
      !aws_apigatewayv2_api.this.cors_configuration[0].allow_credentials
    )
    error_message = "CORS must allow POST/OPTIONS with authorization and content-type headers, expose Retry-After, cache preflights, and not allow credentials."
  }
}

run "stage_is_throttled_and_access_logged" {
  command = apply

  variables {
    api_throttling_burst_limit = 20
    api_throttling_rate_limit  = 10
  }

  assert {
    condition     = aws_apigatewayv2_stage.this.name == "$default" && aws_apigatewayv2_stage.this.auto_deploy
    error_message = "A $default stage with auto-deploy is expected."
  }

  assert {
    condition = (
      aws_apigatewayv2_stage.this.default_route_settings[0].throttling_burst_limit == 20 &&
      aws_apigatewayv2_stage.this.default_route_settings[0].throttling_rate_limit == 10
    )
    error_message = "Route throttling must follow the throttling variables."
  }

  assert {
    condition = (
      aws_apigatewayv2_stage.this.access_log_settings[0].destination_arn == aws_cloudwatch_log_group.api_access.arn &&
      can(jsondecode(aws_apigatewayv2_stage.this.access_log_settings[0].format).requestId)
    )
    error_message = "Access logs must go, as JSON, to the API's log group."
  }

  assert {
    condition = alltrue([
      for g in [aws_cloudwatch_log_group.api_access, aws_cloudwatch_log_group.sync_lambda] :
      coalesce(g.retention_in_days, 0) > 0
    ])
    error_message = "Every log group needs a retention period."
  }
}

run "log_retention_follows_the_variable" {
  command = plan

  variables {
    log_retention_days = 7
  }

  assert {
    condition     = aws_cloudwatch_log_group.api_access.retention_in_days == 7 && aws_cloudwatch_log_group.sync_lambda.retention_in_days == 7
    error_message = "log_retention_days must reach every log group."
  }
}

run "never_expiring_logs_are_rejected" {
  command = plan

  variables {
    log_retention_days = 0
  }

  expect_failures = [var.log_retention_days]
}
