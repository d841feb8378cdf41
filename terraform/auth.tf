# Cognito: email is the username, the SPA signs in through the hosted UI with the authorization
# code flow + PKCE (public client, no secret) and sends the ID token to the API.

resource "aws_cognito_user_pool" "this" {
  name                     = "${var.name_prefix}-users"
  username_attributes      = ["email"]
  auto_verified_attributes = ["email"]
  deletion_protection      = var.cognito_deletion_protection ? "ACTIVE" : "INACTIVE"
  mfa_configuration        = var.mfa

  # TOTP (authenticator apps) only: no SMS, so no SNS role and no per-message cost.
  dynamic "software_token_mfa_configuration" {
    for_each = var.mfa == "OFF" ? [] : [true]
    content {
      enabled = true
    }
  }

  # Cognito's own sender allows about 50 emails a day; with SES the quota is the SES account's,
  # and self sign-up is off by default so scripted sign-ups cannot exhaust either.
  email_configuration {
    email_sending_account = var.ses_source_arn == "" ? "COGNITO_DEFAULT" : "DEVELOPER"
    source_arn            = var.ses_source_arn == "" ? null : var.ses_source_arn
    from_email_address    = var.ses_source_arn == "" || var.ses_from_address == "" ? null : var.ses_from_address
    configuration_set     = var.ses_source_arn == "" || var.ses_configuration_set == "" ? null : var.ses_configuration_set
  }

  username_configuration {
    case_sensitive = false
  }

  # A changed email stays unverified (and the old one keeps working) until the new one is
  # confirmed, so nobody can take over an address by typing it in.
  user_attribute_update_settings {
    attributes_require_verification_before_update = ["email"]
  }

  password_policy {
    minimum_length                   = var.password_minimum_length
    require_lowercase                = true
    require_uppercase                = true
    require_numbers                  = true
    require_symbols                  = false
    temporary_password_validity_days = 7
  }

  account_recovery_setting {
    recovery_mechanism {
      name     = "verified_email"
      priority = 1
    }
  }

  admin_create_user_config {
    allow_admin_create_user_only = !var.allow_self_sign_up
  }
}

resource "aws_cognito_user_pool_domain" "this" {
  domain       = var.cognito_domain_prefix
  user_pool_id = aws_cognito_user_pool.this.id
}

# The client follows the contract's oauth section: the same paths, scopes and lifetimes the dev
# provider registers locally, so a sign-in that works there works here.
resource "aws_cognito_user_pool_client" "this" {
  name         = "${var.name_prefix}-web"
  user_pool_id = aws_cognito_user_pool.this.id

  generate_secret                      = false # a browser cannot keep a secret; PKCE instead
  allowed_oauth_flows_user_pool_client = true
  allowed_oauth_flows                  = ["code"]
  allowed_oauth_scopes                 = local.oauth.scopes
  supported_identity_providers         = ["COGNITO"]
  callback_urls                        = [local.redirect_url]
  logout_urls                          = [local.post_logout_url]

  # Sign-in happens on the hosted UI; refreshes go to its token endpoint, which rotation
  # requires (rotation is incompatible with ALLOW_REFRESH_TOKEN_AUTH). The list cannot be empty
  # (Cognito would then allow its defaults, custom auth included), so it names SRP only.
  explicit_auth_flows = local.oauth.explicitAuthFlows

  # The app may read the verified email but write nothing: `email` written through the API
  # would change the identity the sync API trusts.
  read_attributes  = local.oauth.readAttributes
  write_attributes = local.oauth.writeAttributes

  prevent_user_existence_errors = "ENABLED"
  enable_token_revocation       = true

  # Every refresh returns a new refresh token and invalidates the old one after the grace period.
  dynamic "refresh_token_rotation" {
    for_each = local.oauth.refreshTokenRotation ? [true] : []
    content {
      feature                    = "ENABLED"
      retry_grace_period_seconds = local.oauth.refreshTokenRetryGraceSeconds
    }
  }

  id_token_validity      = local.oauth.idTokenMinutes
  access_token_validity  = local.oauth.accessTokenMinutes
  refresh_token_validity = local.oauth.refreshTokenDays
  token_validity_units {
    id_token      = "minutes"
    access_token  = "minutes"
    refresh_token = "days"
  }
}
