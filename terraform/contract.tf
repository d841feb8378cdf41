# The deployment contract (sync-api/deployment.json), shared with the local stack: OAuth client
# paths and lifetimes, security headers and CSP, caching, routes and throttling, Lambda limits
# and environment. Everything both sides must agree on is read from there, never typed twice.

locals {
  contract = jsondecode(file("${path.module}/../sync-api/deployment.json"))

  oauth   = local.contract.oauth
  headers = local.contract.headers
  caching = local.contract.caching
  api     = local.contract.api
  lambda  = local.contract.lambda

  # "{idp}" and "{hostedUI}" in CSP sources: the issuer (discovery, JWKS) and the hosted UI
  # (sign-in pages, token, revocation and logout endpoints). Both are computable from variables
  # alone, so the response headers policy depends on no resource (see main.tf).
  # "{realtime}": the live-delivery WebSocket API (websocket.tf), by wildcard for the same reason.
  csp_placeholders = {
    "{idp}"      = local.cognito_idp_url
    "{hostedUI}" = local.hosted_ui_url
    "{realtime}" = local.realtime_origin_wildcard
  }
  content_security_policy = join("; ", [
    for directive, sources in local.headers.contentSecurityPolicy :
    join(" ", concat([directive], [for s in sources : lookup(local.csp_placeholders, s, s)]))
  ])

  # Callback and sign-out URLs: the app URL plus the contract's paths, as the app sends them.
  redirect_url        = "${local.app_url}${local.oauth.redirectPath}"
  post_logout_url     = "${local.app_url}${local.oauth.postLogoutPath}"
  end_session_url     = "${local.hosted_ui_url}/logout?client_id=${aws_cognito_user_pool_client.this.id}&logout_uri=${urlencode(local.post_logout_url)}"
  revocation_endpoint = "${local.hosted_ui_url}/oauth2/revoke"


  lambda_runtime              = coalesce(var.lambda_runtime, local.lambda.runtime)
  lambda_memory_mb            = coalesce(var.lambda_memory_mb, local.lambda.memoryMb)
  lambda_timeout_seconds      = coalesce(var.lambda_timeout_seconds, local.lambda.timeoutSeconds)
  lambda_reserved_concurrency = coalesce(var.lambda_reserved_concurrency, local.lambda.reservedConcurrency)
  lambda_environment = merge(
    { for k, v in local.lambda.environment : k => v if k != "$comment" },
    var.overlap_ms == null ? {} : { OVERLAP_MS = tostring(var.overlap_ms) },
    var.rate_limit_per_minute == null ? {} : { RATE_LIMIT_PER_MINUTE = tostring(var.rate_limit_per_minute) },
    var.reports_retention_days == null ? {} : { REPORTS_RETENTION_DAYS = tostring(var.reports_retention_days) },
  )

  # Per-route throttling from the contract; the variables, when set, override every route.
  api_routes = {
    for key, route in local.api.routes : key => {
      authorization = route.authorization
      burst         = coalesce(var.api_throttling_burst_limit, route.throttlingBurstLimit)
      rate          = coalesce(var.api_throttling_rate_limit, route.throttlingRateLimit)
    }
  }
}
