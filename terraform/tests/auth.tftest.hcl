# Cognito: email usernames, a public client limited to the authorization code flow, callbacks on
# the app's redirect path, token lifetimes and rotation from the contract (var.contract, read
# here independently of the module), MFA, self sign-up and the email sender.

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
      aws_cognito_user_pool_client.this.allowed_oauth_scopes == toset(var.contract.oauth.scopes) &&
      aws_cognito_user_pool_client.this.supported_identity_providers == toset(["COGNITO"])
    )
    error_message = "OAuth must be enabled for the pool's own users with the contract's scopes."
  }

  # The bug this guards against: callbacks registered as [app_url, app_url/] while the app sends
  # redirect_uri = <origin>/callback, so the first real sign-in fails.
  assert {
    condition = (
      aws_cognito_user_pool_client.this.callback_urls == toset(["https://d111111abcdef8.cloudfront.net${var.contract.oauth.redirectPath}"]) &&
      alltrue([for u in aws_cognito_user_pool_client.this.callback_urls : endswith(u, var.contract.oauth.redirectPath) && startswith(u, "${output.app_url}/")]) &&
      var.contract.oauth.redirectPath != "/" && var.contract.oauth.redirectPath != ""
    )
    error_message = "The only callback URL must be the app URL + the contract's redirect path (the redirect_uri the app sends)."
  }

  assert {
    condition     = aws_cognito_user_pool_client.this.logout_urls == toset(["${output.app_url}${var.contract.oauth.postLogoutPath}"])
    error_message = "The only sign-out URL must be the app URL + the contract's post-logout path."
  }

  assert {
    condition = (
      !contains(aws_cognito_user_pool_client.this.explicit_auth_flows, "ALLOW_USER_PASSWORD_AUTH") &&
      !contains(aws_cognito_user_pool_client.this.explicit_auth_flows, "ALLOW_ADMIN_USER_PASSWORD_AUTH") &&
      !contains(aws_cognito_user_pool_client.this.explicit_auth_flows, "ALLOW_CUSTOM_AUTH") &&
      !contains(aws_cognito_user_pool_client.this.explicit_auth_flows, "ALLOW_REFRESH_TOKEN_AUTH") &&
      aws_cognito_user_pool_client.this.explicit_auth_flows == toset(["ALLOW_USER_SRP_AUTH"])
    )
    error_message = "Direct auth flows: SRP only (refreshes go to the token endpoint, which rotation requires); no password, admin or custom flows."
  }

  assert {
    condition = (
      length(aws_cognito_user_pool_client.this.refresh_token_rotation) == 1 &&
      aws_cognito_user_pool_client.this.refresh_token_rotation[0].feature == "ENABLED" &&
      aws_cognito_user_pool_client.this.refresh_token_rotation[0].retry_grace_period_seconds == var.contract.oauth.refreshTokenRetryGraceSeconds &&
      aws_cognito_user_pool_client.this.enable_token_revocation
    )
    error_message = "Refresh tokens must rotate on every use (with the contract's grace period) and be revocable."
  }

  assert {
    condition     = !contains(aws_cognito_user_pool_client.this.write_attributes, "email") && length(aws_cognito_user_pool_client.this.write_attributes) == 0
    error_message = "The app client must not write any attribute, email above all (it is the identity the API trusts)."
  }

  assert {
    condition = (
      aws_cognito_user_pool_client.this.prevent_user_existence_errors == "ENABLED" &&
      aws_cognito_user_pool_client.this.id_token_validity == var.contract.oauth.idTokenMinutes &&
      aws_cognito_user_pool_client.this.access_token_validity == var.contract.oauth.accessTokenMinutes &&
      aws_cognito_user_pool_client.this.refresh_token_validity == var.contract.oauth.refreshTokenDays &&
      var.contract.oauth.refreshTokenDays <= 7 &&
      aws_cognito_user_pool_client.this.token_validity_units[0].id_token == "minutes" &&
      aws_cognito_user_pool_client.this.token_validity_units[0].access_token == "minutes" &&
      aws_cognito_user_pool_client.this.token_validity_units[0].refresh_token == "days"
    )
    error_message = "User-existence errors must be hidden; token lifetimes must be the contract's, refresh tokens at most a week."
  }
}

run "config_json_advertises_revocation_and_the_hosted_ui_logout" {
  command = apply

  assert {
    condition = (
      jsondecode(aws_s3_object.config.content).endSessionEndpoint == "https://chatscape-test.auth.eu-west-1.amazoncognito.com/logout?client_id=4exampleclientid0000000000&logout_uri=${urlencode("https://d111111abcdef8.cloudfront.net${var.contract.oauth.postLogoutPath}")}" &&
      jsondecode(aws_s3_object.config.content).revocationEndpoint == "https://chatscape-test.auth.eu-west-1.amazoncognito.com/oauth2/revoke" &&
      jsondecode(aws_s3_object.config.content).redirectPath == var.contract.oauth.redirectPath &&
      jsondecode(aws_s3_object.config.content).postLogoutPath == var.contract.oauth.postLogoutPath &&
      jsondecode(aws_s3_object.config.content).scope == join(" ", var.contract.oauth.scopes)
    )
    error_message = "config.json must tell the app the redirect path, scopes, Cognito's /logout (client_id + logout_uri) and revocation endpoint."
  }
}

run "pool_defaults_optional_totp_no_self_sign_up_cognito_email" {
  command = apply

  assert {
    condition = (
      aws_cognito_user_pool.this.mfa_configuration == "OPTIONAL" &&
      aws_cognito_user_pool.this.software_token_mfa_configuration[0].enabled &&
      length(aws_cognito_user_pool.this.sms_configuration) == 0
    )
    error_message = "MFA must be optional TOTP by default (no SMS)."
  }

  assert {
    condition     = aws_cognito_user_pool.this.admin_create_user_config[0].allow_admin_create_user_only
    error_message = "Self sign-up must be off by default."
  }

  assert {
    condition     = aws_cognito_user_pool.this.email_configuration[0].email_sending_account == "COGNITO_DEFAULT"
    error_message = "Without ses_source_arn, Cognito's own sender is used."
  }
}

run "ses_and_mfa_follow_the_variables" {
  command = apply

  variables {
    mfa                   = "OFF"
    allow_self_sign_up    = true
    ses_source_arn        = "arn:aws:ses:eu-west-1:123456789012:identity/example.com"
    ses_from_address      = "ChatScape <no-reply@example.com>"
    ses_configuration_set = "chatscape"
  }

  assert {
    condition = (
      aws_cognito_user_pool.this.email_configuration[0].email_sending_account == "DEVELOPER" &&
      aws_cognito_user_pool.this.email_configuration[0].source_arn == "arn:aws:ses:eu-west-1:123456789012:identity/example.com" &&
      aws_cognito_user_pool.this.email_configuration[0].from_email_address == "ChatScape <no-reply@example.com>" &&
      aws_cognito_user_pool.this.email_configuration[0].configuration_set == "chatscape"
    )
    error_message = "ses_* must configure the pool to send through SES."
  }

  assert {
    condition     = aws_cognito_user_pool.this.mfa_configuration == "OFF" && length(aws_cognito_user_pool.this.software_token_mfa_configuration) == 0 && !aws_cognito_user_pool.this.admin_create_user_config[0].allow_admin_create_user_only
    error_message = "mfa = OFF and allow_self_sign_up = true must reach the pool."
  }
}

run "unknown_mfa_mode_is_rejected" {
  command = plan

  variables {
    mfa = "SMS"
  }

  expect_failures = [var.mfa]
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
