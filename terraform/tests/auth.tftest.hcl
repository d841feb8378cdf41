# Cognito: email usernames, a public client limited to the authorization code flow, callbacks on
# the app URL only, explicit token lifetimes.

mock_provider "aws" {
  source = "./tests/mocks"
}

variables {
  cognito_domain_prefix = "chatscape-test"
  lambda_zip_path       = "tests/fixtures/sync.zip"
  web_dist_dir          = "tests/fixtures/web-dist"
}

run "client_allows_only_the_code_flow" {
  command = apply

  assert {
    condition     = aws_cognito_user_pool_client.this.allowed_oauth_flows == toset(["code"])
    error_message = "Only the authorization code flow may be allowed (no implicit, no client credentials)."
  }

  assert {
    condition     = aws_cognito_user_pool_client.this.generate_secret == false
    error_message = "The SPA's client must be public (no secret)."
  }

  assert {
    condition = (
      aws_cognito_user_pool_client.this.allowed_oauth_flows_user_pool_client &&
      aws_cognito_user_pool_client.this.allowed_oauth_scopes == toset(["openid", "email", "profile"]) &&
      aws_cognito_user_pool_client.this.supported_identity_providers == toset(["COGNITO"])
    )
    error_message = "OAuth must be enabled for the pool's own users with scopes openid, email, profile."
  }

  assert {
    condition = (
      aws_cognito_user_pool_client.this.callback_urls == toset(["https://d111111abcdef8.cloudfront.net", "https://d111111abcdef8.cloudfront.net/"]) &&
      aws_cognito_user_pool_client.this.logout_urls == aws_cognito_user_pool_client.this.callback_urls
    )
    error_message = "Callback and logout URLs must be the app URL only."
  }

  assert {
    condition     = length(setsubtract(aws_cognito_user_pool_client.this.explicit_auth_flows, ["ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_USER_SRP_AUTH"])) == 0
    error_message = "Direct auth flows must be limited to refresh tokens (and SRP); no password or custom flows."
  }

  assert {
    condition = (
      aws_cognito_user_pool_client.this.prevent_user_existence_errors == "ENABLED" &&
      aws_cognito_user_pool_client.this.id_token_validity == 60 &&
      aws_cognito_user_pool_client.this.access_token_validity == 60 &&
      aws_cognito_user_pool_client.this.refresh_token_validity == 30 &&
      aws_cognito_user_pool_client.this.token_validity_units[0].id_token == "minutes" &&
      aws_cognito_user_pool_client.this.token_validity_units[0].access_token == "minutes" &&
      aws_cognito_user_pool_client.this.token_validity_units[0].refresh_token == "days"
    )
    error_message = "User-existence errors must be hidden; tokens live 60 min (ID/access) and 30 days (refresh)."
  }
}

run "pool_uses_verified_email_usernames" {
  command = apply

  assert {
    condition = (
      aws_cognito_user_pool.this.username_attributes == toset(["email"]) &&
      aws_cognito_user_pool.this.auto_verified_attributes == toset(["email"]) &&
      aws_cognito_user_pool.this.user_attribute_update_settings[0].attributes_require_verification_before_update == toset(["email"])
    )
    error_message = "Email must be the username, auto-verified, and re-verified before a change takes effect."
  }

  assert {
    condition     = aws_cognito_user_pool.this.password_policy[0].minimum_length == 12
    error_message = "Passwords must be at least 12 characters by default."
  }

  assert {
    condition     = aws_cognito_user_pool.this.deletion_protection == "ACTIVE"
    error_message = "The user pool must be deletion-protected by default."
  }

  assert {
    condition     = aws_cognito_user_pool_domain.this.domain == "chatscape-test" && output.hosted_ui_url == "https://chatscape-test.auth.eu-west-1.amazoncognito.com"
    error_message = "The hosted UI must live at the configured prefix."
  }

  assert {
    condition     = output.authority == "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbCdEf123"
    error_message = "authority must be the user pool's issuer URL."
  }
}

run "short_minimum_password_length_is_rejected" {
  command = plan

  variables {
    password_minimum_length = 7
  }

  expect_failures = [var.password_minimum_length]
}

run "deletion_protection_can_be_disabled_for_teardown" {
  command = plan

  variables {
    cognito_deletion_protection = false
  }

  assert {
    condition     = aws_cognito_user_pool.this.deletion_protection == "INACTIVE"
    error_message = "cognito_deletion_protection = false must reach the pool."
  }
}
