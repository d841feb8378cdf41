# ---------------------------------------------------------------------------
# General
# ---------------------------------------------------------------------------

variable "region" {
  type        = string
  description = "AWS region for everything except CloudFront (global) and its ACM certificate (us-east-1)."
  default     = "eu-west-1"
}

variable "name_prefix" {
  type        = string
  description = "Prefix for resource names; table names are \"<name_prefix>-<key in sync-api/tables.json>\"."
  default     = "chatscape"

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,30}$", var.name_prefix))
    error_message = "name_prefix must be 2-31 characters of lowercase letters, digits and hyphens, starting with a letter."
  }
}

variable "tags" {
  type        = map(string)
  description = "Extra tags applied to every resource through the provider's default_tags."
  default     = {}
}

variable "log_retention_days" {
  type        = number
  description = "Retention in days for the Lambda and API access log groups."
  default     = 30

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653], var.log_retention_days)
    error_message = "log_retention_days must be one of the values CloudWatch Logs accepts (1, 3, 5, 7, 14, 30, 60, 90, ...); 0 (never expire) is not allowed."
  }
}

# ---------------------------------------------------------------------------
# Web (S3 + CloudFront)
# ---------------------------------------------------------------------------

variable "app_domain" {
  type        = string
  description = "Optional custom domain for the app (e.g. chat.example.com). Empty: the app is served at the CloudFront default domain. DNS (a CNAME/alias to the distribution) is managed outside this module."
  default     = ""
}

variable "acm_certificate_arn" {
  type        = string
  description = "ACM certificate (must be in us-east-1) covering app_domain. Required when app_domain is set; enables TLSv1.2_2021 as the minimum viewer protocol. Ignored otherwise."
  default     = ""

  validation {
    condition     = var.acm_certificate_arn == "" || can(regex("^arn:aws[a-z-]*:acm:us-east-1:[0-9]{12}:certificate/.+$", var.acm_certificate_arn))
    error_message = "acm_certificate_arn must be an ACM certificate ARN in us-east-1 (CloudFront only uses certificates from us-east-1)."
  }
}

variable "cloudfront_price_class" {
  type        = string
  description = "CloudFront price class."
  default     = "PriceClass_100"

  validation {
    condition     = contains(["PriceClass_100", "PriceClass_200", "PriceClass_All"], var.cloudfront_price_class)
    error_message = "cloudfront_price_class must be PriceClass_100, PriceClass_200 or PriceClass_All."
  }
}

variable "web_dist_dir" {
  type        = string
  description = "Directory with the built web app (npm run build -w web). Relative paths are relative to this module. A missing directory uploads nothing."
  default     = "../web/dist"
}

variable "force_destroy_web_bucket" {
  type        = bool
  description = "Allow `terraform destroy` to delete the web bucket together with all object versions in it."
  default     = false
}

variable "noncurrent_version_retention_days" {
  type        = number
  description = "Days to keep old versions of web objects (the bucket is versioned) before S3 expires them."
  default     = 30

  validation {
    condition     = var.noncurrent_version_retention_days >= 1
    error_message = "noncurrent_version_retention_days must be at least 1."
  }
}

# ---------------------------------------------------------------------------
# Sync Lambda
# ---------------------------------------------------------------------------

variable "lambda_zip_path" {
  type        = string
  description = "Path of the prebuilt sync Lambda zip (npm run build -w sync-api). Relative paths are relative to this module."
  default     = "../sync-api/dist/sync.zip"
}

variable "lambda_runtime" {
  type        = string
  description = "Node.js runtime of the sync Lambda; null = the contract's (sync-api/deployment.json lambda.runtime, nodejs22.x)."
  default     = null

  validation {
    condition     = var.lambda_runtime == null || contains(["nodejs22.x"], coalesce(var.lambda_runtime, "nodejs22.x"))
    error_message = "lambda_runtime must be nodejs22.x: Node.js 20 reached end of life in April 2026, and provider 5.100 knows no later Node.js runtime."
  }
}

variable "lambda_memory_mb" {
  type        = number
  description = "Memory (MB) of the sync Lambda; CPU scales with it. null = the contract's lambda.memoryMb."
  default     = null

  validation {
    condition     = var.lambda_memory_mb == null || (coalesce(var.lambda_memory_mb, 128) >= 128 && coalesce(var.lambda_memory_mb, 128) <= 10240)
    error_message = "lambda_memory_mb must be between 128 and 10240."
  }
}

variable "lambda_timeout_seconds" {
  type        = number
  description = "Timeout (s) of the sync Lambda; null = the contract's lambda.timeoutSeconds. Must stay below API Gateway's integration timeout (30 s), or clients would see a 503 while the function keeps running."
  default     = null

  validation {
    condition     = var.lambda_timeout_seconds == null || (coalesce(var.lambda_timeout_seconds, 1) >= 1 && coalesce(var.lambda_timeout_seconds, 1) < 29)
    error_message = "lambda_timeout_seconds must be at least 1 and less than 29 (API Gateway's integration timeout)."
  }
}

variable "lambda_reserved_concurrency" {
  type        = number
  description = "Reserved concurrent executions of the sync Lambda (a ceiling on cost and on DynamoDB load); null = the contract's lambda.reservedConcurrency; -1 leaves it unreserved."
  default     = null

  validation {
    condition     = var.lambda_reserved_concurrency == null || (coalesce(var.lambda_reserved_concurrency, 0) >= -1 && floor(coalesce(var.lambda_reserved_concurrency, 0)) == coalesce(var.lambda_reserved_concurrency, 0))
    error_message = "lambda_reserved_concurrency must be -1 (unreserved) or a whole number >= 0."
  }
}

variable "overlap_ms" {
  type        = number
  description = "OVERLAP_MS for the sync Lambda (how far back, ms, a pull re-reads to cover clock skew between writers); null = the contract's."
  default     = null
}

variable "reports_retention_days" {
  type        = number
  description = "REPORTS_RETENTION_DAYS for the sync Lambda: abuse reports expire (DynamoDB TTL on expiresAt) this many days after they are made; null = the contract's."
  default     = null

  validation {
    condition     = var.reports_retention_days == null || coalesce(var.reports_retention_days, 1) >= 1
    error_message = "reports_retention_days must be at least 1."
  }
}

variable "rate_limit_per_minute" {
  type        = number
  description = "RATE_LIMIT_PER_MINUTE for the sync Lambda (per-user request budget enforced by the function); null = the contract's."
  default     = null
}

# ---------------------------------------------------------------------------
# DynamoDB
# ---------------------------------------------------------------------------

variable "dynamodb_deletion_protection" {
  type        = bool
  description = "Enable deletion protection on the DynamoDB tables. Set to false (and apply) before `terraform destroy`."
  default     = true
}

# ---------------------------------------------------------------------------
# API Gateway
# ---------------------------------------------------------------------------

variable "api_throttling_burst_limit" {
  type        = number
  description = "Burst limit (requests) of every route's throttling; null = each route's throttlingBurstLimit in the contract."
  default     = null
}

variable "api_throttling_rate_limit" {
  type        = number
  description = "Steady-state rate limit (requests per second) of every route's throttling; null = each route's throttlingRateLimit in the contract."
  default     = null
}

variable "api_domain" {
  type        = string
  description = "Optional custom domain for the API (e.g. api.chat.example.com) that CloudFront uses as the /sync origin. When set, the execute-api endpoint is disabled, so the API is reachable only through it (DNS: an alias to the api_domain_target output). Empty: CloudFront reaches the API at its execute-api hostname, which then stays enabled."
  default     = ""
}

variable "api_certificate_arn" {
  type        = string
  description = "Regional ACM certificate (in var.region) for api_domain. Required when api_domain is set."
  default     = ""
}

variable "enable_waf" {
  type        = bool
  description = "Put a WAF web ACL (us-east-1, CloudFront scope) with a per-IP rate-based rule in front of the distribution, app and API alike. About 6 USD a month plus requests; false turns it off."
  default     = true
}

variable "waf_rate_limit" {
  type        = number
  description = "Requests per 5 minutes from one IP before WAF blocks it; null = the contract's waf.rateLimitPerFiveMinutesPerIp."
  default     = null

  validation {
    condition     = var.waf_rate_limit == null || coalesce(var.waf_rate_limit, 100) >= 10
    error_message = "waf_rate_limit must be at least 10 (WAF's minimum)."
  }
}

# ---------------------------------------------------------------------------
# Cognito
# ---------------------------------------------------------------------------

variable "cognito_domain_prefix" {
  type        = string
  description = "Prefix of the Cognito hosted-UI domain (https://<prefix>.auth.<region>.amazoncognito.com). Must be unique within the region."

  validation {
    condition     = can(regex("^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$", var.cognito_domain_prefix)) && !can(regex("aws|amazon|cognito", var.cognito_domain_prefix))
    error_message = "cognito_domain_prefix must be lowercase letters, digits and hyphens (not at either end), at most 63 characters, and must not contain \"aws\", \"amazon\" or \"cognito\"."
  }
}

variable "password_minimum_length" {
  type        = number
  description = "Minimum password length for the user pool."
  default     = 12

  validation {
    condition     = var.password_minimum_length >= 8 && var.password_minimum_length <= 99
    error_message = "password_minimum_length must be between 8 and 99."
  }
}

variable "allow_self_sign_up" {
  type        = bool
  description = "Let people sign up through the hosted UI. Off by default: scripted sign-ups would burn the pool's email quota. When false, only admins create users (aws cognito-idp admin-create-user)."
  default     = false
}

variable "mfa" {
  type        = string
  description = "Multi-factor authentication: OFF, OPTIONAL (users may add a TOTP authenticator app) or ON (required)."
  default     = "OPTIONAL"

  validation {
    condition     = contains(["OFF", "OPTIONAL", "ON"], var.mfa)
    error_message = "mfa must be OFF, OPTIONAL or ON."
  }
}

variable "ses_source_arn" {
  type        = string
  description = "ARN of a verified SES identity for the pool's emails. Empty: Cognito's built-in sender (about 50 emails a day, shared by sign-ups and password resets)."
  default     = ""
}

variable "ses_from_address" {
  type        = string
  description = "From address of the pool's emails when ses_source_arn is set (e.g. \"ChatScape <no-reply@example.com>\")."
  default     = ""
}

variable "ses_configuration_set" {
  type        = string
  description = "Optional SES configuration set (sending limits, event publishing) for the pool's emails."
  default     = ""
}

variable "reports_reader_principal_arns" {
  type        = list(string)
  description = "IAM principals (users or roles of operators) allowed to assume the read-only reports role. Empty: no role is created."
  default     = []
}

variable "cognito_deletion_protection" {
  type        = bool
  description = "Enable deletion protection on the Cognito user pool. Set to false (and apply) before `terraform destroy`."
  default     = true
}

# ---------------------------------------------------------------------------
# CI/CD (GitHub Actions through OIDC)
# ---------------------------------------------------------------------------

variable "github_repository" {
  type        = string
  description = "owner/name of the GitHub repository whose workflows plan and deploy this stack. Empty: no CI roles are created."
  default     = ""

  validation {
    condition     = var.github_repository == "" || can(regex("^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$", var.github_repository))
    error_message = "github_repository must be owner/name."
  }
}

variable "github_oidc_provider_arn" {
  type        = string
  description = "ARN of the account's IAM OIDC provider for https://token.actions.githubusercontent.com (created once per account, outside this stack). Required with github_repository."
  default     = ""
}

variable "ci_deploy_policy_arns" {
  type        = list(string)
  description = "Managed policies for the deploy role (what `terraform apply` of this stack needs: DynamoDB, Lambda, IAM for its roles, API Gateway, Cognito, S3, CloudFront, WAF, CloudWatch Logs, and the state bucket)."
  default     = []
}

# ---------------------------------------------------------------------------
# Web Push (push.tf)
# ---------------------------------------------------------------------------

variable "vapid_public_key" {
  type        = string
  description = "The deployment's VAPID public key (base64url), printed by sync-api/scripts/vapid-keys.ts, which also stores the private key in SSM. Empty = the app offers no notifications."
  default     = ""

  validation {
    condition     = var.vapid_public_key == "" || can(regex("^B[A-Za-z0-9_-]{86}$", var.vapid_public_key))
    error_message = "vapid_public_key must be an uncompressed P-256 public key in base64url (87 characters starting with B), as vapid-keys.ts prints it."
  }
}
