# The web stack: private bucket behind CloudFront OAC, /sync served from the API on the same
# origin, security headers and caching rules from the contract (var.contract), uploads of
# web/dist (here: tests/fixtures/web-dist, source maps excluded) and the generated config.json.

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

run "bucket_is_private_and_served_through_oac" {
  command = apply

  assert {
    condition = (
      aws_s3_bucket_public_access_block.web.block_public_acls &&
      aws_s3_bucket_public_access_block.web.block_public_policy &&
      aws_s3_bucket_public_access_block.web.ignore_public_acls &&
      aws_s3_bucket_public_access_block.web.restrict_public_buckets
    )
    error_message = "All four S3 public access blocks must be on."
  }

  assert {
    condition = (
      aws_s3_bucket_ownership_controls.web.rule[0].object_ownership == "BucketOwnerEnforced" &&
      one(aws_s3_bucket_server_side_encryption_configuration.web.rule).apply_server_side_encryption_by_default[0].sse_algorithm == "AES256" &&
      aws_s3_bucket_versioning.web.versioning_configuration[0].status == "Enabled"
    )
    error_message = "The bucket must disable ACLs, encrypt at rest and keep versions."
  }

  assert {
    condition = alltrue([
      for o in aws_cloudfront_distribution.this.origin :
      o.origin_access_control_id == aws_cloudfront_origin_access_control.web.id && length(o.s3_origin_config) == 0 && length(o.custom_origin_config) == 0
      if o.origin_id == "web"
    ])
    error_message = "The bucket origin must use OAC: no legacy OAI (s3_origin_config), no website endpoint."
  }

  assert {
    condition = (
      aws_cloudfront_origin_access_control.web.signing_behavior == "always" &&
      aws_cloudfront_origin_access_control.web.signing_protocol == "sigv4" &&
      aws_cloudfront_origin_access_control.web.origin_access_control_origin_type == "s3"
    )
    error_message = "OAC must always sign requests with SigV4."
  }

  assert {
    condition = anytrue([
      for s in jsondecode(aws_s3_bucket_policy.web.policy).Statement :
      s.Effect == "Allow" && s.Action == "s3:GetObject" && s.Principal == { Service = "cloudfront.amazonaws.com" } &&
      try(s.Condition.StringEquals["AWS:SourceArn"], "") == aws_cloudfront_distribution.this.arn
    ])
    error_message = "The bucket policy must let this distribution (AWS:SourceArn) read objects."
  }

  assert {
    condition = alltrue([
      for s in jsondecode(aws_s3_bucket_policy.web.policy).Statement :
      s.Effect == "Deny" || (s.Principal != "*" && can(s.Condition.StringEquals["AWS:SourceArn"]))
    ])
    error_message = "No Allow statement may be public or unconditioned."
  }
}

run "distribution_serves_the_spa_over_https" {
  command = apply

  assert {
    condition = alltrue(concat(
      [aws_cloudfront_distribution.this.default_cache_behavior[0].viewer_protocol_policy == "redirect-to-https"],
      [for b in aws_cloudfront_distribution.this.ordered_cache_behavior : b.viewer_protocol_policy == (b.target_origin_id == "api" ? "https-only" : "redirect-to-https")],
    ))
    error_message = "App behaviours must redirect HTTP to HTTPS; the API behaviour must refuse HTTP (a redirected POST would lose its body)."
  }

  assert {
    condition = alltrue(concat(
      [aws_cloudfront_distribution.this.default_cache_behavior[0].response_headers_policy_id == aws_cloudfront_response_headers_policy.security.id],
      [for b in aws_cloudfront_distribution.this.ordered_cache_behavior : b.response_headers_policy_id == aws_cloudfront_response_headers_policy.security.id],
    ))
    error_message = "Every behaviour must send the security headers."
  }

  assert {
    condition = (
      aws_cloudfront_distribution.this.default_root_object == "index.html" &&
      length(aws_cloudfront_distribution.this.custom_error_response) == 0 &&
      one(aws_cloudfront_distribution.this.default_cache_behavior[0].function_association).event_type == "viewer-request" &&
      one(aws_cloudfront_distribution.this.default_cache_behavior[0].function_association).function_arn == aws_cloudfront_function.spa_routes.arn &&
      strcontains(aws_cloudfront_function.spa_routes.code, jsonencode(var.contract.caching.staticExtensions)) &&
      strcontains(aws_cloudfront_function.spa_routes.code, "request.uri = '/index.html'")
    )
    error_message = "App routes must be rewritten to /index.html by the SPA function (the contract's static extensions), not by custom error responses that would also swallow the API's and WAF's errors."
  }

  assert {
    condition = anytrue([
      for b in aws_cloudfront_distribution.this.ordered_cache_behavior :
      b.path_pattern == "${var.contract.caching.immutablePrefix}*" && b.cache_policy_id == aws_cloudfront_cache_policy.immutable.id && b.compress
    ]) && aws_cloudfront_cache_policy.immutable.min_ttl >= 31536000
    error_message = "The contract's immutable prefix (/assets/*) must be cached for a year at the edge, compressed."
  }

  assert {
    condition = alltrue([
      for p in var.contract.caching.noCachePaths : anytrue([
        for b in aws_cloudfront_distribution.this.ordered_cache_behavior :
        b.path_pattern == p && b.cache_policy_id == aws_cloudfront_cache_policy.revalidate.id && b.compress
      ])
    ]) && contains(var.contract.caching.noCachePaths, "/sw.js") && contains(var.contract.caching.noCachePaths, "/index.html")
    error_message = "The contract's entry points (index.html, sw.js, config.json, the manifest) must be revalidated at the edge, and compressed."
  }

  assert {
    condition = (
      aws_cloudfront_cache_policy.revalidate.min_ttl == 0 && aws_cloudfront_cache_policy.revalidate.default_ttl == 0 &&
      aws_cloudfront_cache_policy.revalidate.parameters_in_cache_key_and_forwarded_to_origin[0].enable_accept_encoding_brotli &&
      aws_cloudfront_cache_policy.revalidate.parameters_in_cache_key_and_forwarded_to_origin[0].enable_accept_encoding_gzip &&
      aws_cloudfront_cache_policy.default.parameters_in_cache_key_and_forwarded_to_origin[0].enable_accept_encoding_brotli &&
      aws_cloudfront_distribution.this.default_cache_behavior[0].compress
    )
    error_message = "Entry points must never be served stale (min/default TTL 0), and brotli/gzip must be enabled where CloudFront compresses."
  }

  assert {
    condition = (
      aws_cloudfront_distribution.this.viewer_certificate[0].cloudfront_default_certificate &&
      length(aws_cloudfront_distribution.this.aliases) == 0
    )
    error_message = "Without app_domain the distribution uses the default certificate and no aliases."
  }
}

run "security_headers" {
  command = apply

  assert {
    condition     = !strcontains(aws_cloudfront_response_headers_policy.security.security_headers_config[0].content_security_policy[0].content_security_policy, "unsafe-inline")
    error_message = "The CSP must not allow 'unsafe-inline'."
  }

  assert {
    condition     = !strcontains(aws_cloudfront_response_headers_policy.security.security_headers_config[0].content_security_policy[0].content_security_policy, "unsafe-eval")
    error_message = "The CSP must not allow 'unsafe-eval'."
  }

  assert {
    condition     = contains(split("; ", aws_cloudfront_response_headers_policy.security.security_headers_config[0].content_security_policy[0].content_security_policy), "frame-ancestors 'none'")
    error_message = "The CSP must contain frame-ancestors 'none'."
  }

  assert {
    condition = contains(
      split("; ", aws_cloudfront_response_headers_policy.security.security_headers_config[0].content_security_policy[0].content_security_policy),
      "connect-src 'self' https://cognito-idp.eu-west-1.amazonaws.com https://chatscape-test.auth.eu-west-1.amazoncognito.com wss://*.execute-api.eu-west-1.amazonaws.com"
    )
    error_message = "connect-src must allow only the app's own origin (the API is on it) this pool's Cognito endpoints and the region's WebSocket API hosts (live delivery): no HTTP execute-api hosts."
  }

  assert {
    condition = (
      jsonencode(split("; ", aws_cloudfront_response_headers_policy.security.security_headers_config[0].content_security_policy[0].content_security_policy)) == jsonencode([
        for directive, sources in var.contract.headers.contentSecurityPolicy :
        join(" ", concat([directive], [for src in sources : replace(replace(replace(src, "{idp}", "https://cognito-idp.eu-west-1.amazonaws.com"), "{hostedUI}", "https://chatscape-test.auth.eu-west-1.amazoncognito.com"), "{realtime}", "wss://*.execute-api.eu-west-1.amazonaws.com")]))
      ])
    )
    error_message = "The CSP must be exactly the contract's directives, placeholders replaced by the Cognito hosts."
  }

  assert {
    condition = alltrue([
      for d in ["default-src 'self'", "script-src 'self'", "object-src 'none'", "base-uri 'self'", "worker-src 'self'", "require-trusted-types-for 'script'", "form-action 'self' https://chatscape-test.auth.eu-west-1.amazoncognito.com"] :
      contains(split("; ", aws_cloudfront_response_headers_policy.security.security_headers_config[0].content_security_policy[0].content_security_policy), d)
    ])
    error_message = "The CSP is missing a required directive (Trusted Types among them)."
  }

  assert {
    condition = (
      anytrue([for h in aws_cloudfront_response_headers_policy.security.custom_headers_config[0].items : h.header == "Cross-Origin-Opener-Policy" && h.value == "same-origin" && h.override]) &&
      anytrue([for h in aws_cloudfront_response_headers_policy.security.custom_headers_config[0].items : h.header == "Permissions-Policy" && strcontains(h.value, "camera=()") && h.value == var.contract.headers.custom["Permissions-Policy"]])
    )
    error_message = "Cross-Origin-Opener-Policy: same-origin and the contract's Permissions-Policy must be sent."
  }

  assert {
    condition = (
      aws_cloudfront_response_headers_policy.security.security_headers_config[0].strict_transport_security[0].access_control_max_age_sec >= 31536000 &&
      aws_cloudfront_response_headers_policy.security.security_headers_config[0].strict_transport_security[0].include_subdomains &&
      aws_cloudfront_response_headers_policy.security.security_headers_config[0].strict_transport_security[0].preload
    )
    error_message = "HSTS must last at least a year, include subdomains and allow preload."
  }

  assert {
    condition = (
      aws_cloudfront_response_headers_policy.security.security_headers_config[0].content_type_options[0].override &&
      aws_cloudfront_response_headers_policy.security.security_headers_config[0].frame_options[0].frame_option == "DENY" &&
      aws_cloudfront_response_headers_policy.security.security_headers_config[0].referrer_policy[0].referrer_policy == "strict-origin-when-cross-origin"
    )
    error_message = "nosniff, X-Frame-Options DENY and strict-origin-when-cross-origin are required."
  }
}

run "uploads_web_dist_with_types_and_cache_control" {
  command = apply

  assert {
    condition     = keys(aws_s3_object.web) == ["assets/app-abc123.js", "icon-192.png", "index.html", "manifest.webmanifest", "sw.js"]
    error_message = "Every file of the dist dir except config.json and source maps (assets/app-abc123.js.map) must be uploaded under its relative path."
  }

  assert {
    condition = (
      aws_s3_object.web["index.html"].content_type == "text/html; charset=utf-8" &&
      aws_s3_object.web["assets/app-abc123.js"].content_type == "text/javascript; charset=utf-8" &&
      aws_s3_object.web["sw.js"].content_type == "text/javascript; charset=utf-8" &&
      aws_s3_object.web["manifest.webmanifest"].content_type == "application/manifest+json" &&
      aws_s3_object.web["icon-192.png"].content_type == "image/png"
    )
    error_message = "Content types must follow the file extension."
  }

  assert {
    condition     = aws_s3_object.web["assets/app-abc123.js"].cache_control == "public, max-age=31536000, immutable"
    error_message = "Hashed assets must be cached immutably."
  }

  assert {
    condition = alltrue([
      for k in ["index.html", "sw.js", "manifest.webmanifest"] : aws_s3_object.web[k].cache_control == "no-cache"
    ])
    error_message = "index.html, sw.js and the manifest must be revalidated on every load."
  }

  assert {
    condition     = aws_s3_object.web["index.html"].etag == filemd5("${path.module}/tests/fixtures/web-dist/index.html")
    error_message = "Objects must be re-uploaded when their content changes (etag = MD5)."
  }

  assert {
    condition = (
      jsondecode(aws_s3_object.config.content).apiURL == "https://d111111abcdef8.cloudfront.net" &&
      jsondecode(aws_s3_object.config.content).authority == "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbCdEf123" &&
      jsondecode(aws_s3_object.config.content).clientID == "4exampleclientid0000000000" &&
      # Live delivery: the WebSocket API (tests/websocket.tftest.hcl checks its value).
      jsondecode(aws_s3_object.config.content).realtimeURL == output.realtime_url
    )
    error_message = "config.json must carry the app's own origin as the API URL (one origin), the issuer and the client id."
  }

  assert {
    condition     = toset(keys(jsondecode(aws_s3_object.config.content))) == toset(var.contract.appConfig.fields)
    error_message = "config.json must have exactly the contract's appConfig fields (the local stack writes the same list)."
  }

  assert {
    condition = (
      aws_s3_object.config.key == "config.json" &&
      aws_s3_object.config.content_type == "application/json" &&
      aws_s3_object.config.cache_control == "no-cache"
    )
    error_message = "config.json must be served as JSON and never cached."
  }

  assert {
    condition     = output.api_url == output.app_url && !endswith(output.api_url, "/") && output.api_endpoint == "https://a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com"
    error_message = "api_url must be the app URL (no trailing slash); api_endpoint the API's own."
  }
}

run "sync_is_served_from_the_api_on_the_app_origin" {
  command = apply

  assert {
    condition = anytrue([
      for o in aws_cloudfront_distribution.this.origin :
      o.origin_id == "api" && o.domain_name == "a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com" &&
      try(o.custom_origin_config[0].origin_protocol_policy, "") == "https-only" && try(o.custom_origin_config[0].origin_read_timeout, 0) > var.contract.api.limits.integrationTimeoutSeconds
    ])
    error_message = "The API must be a second origin, over HTTPS, waiting longer than API Gateway's own timeout."
  }

  assert {
    condition = anytrue([
      for b in aws_cloudfront_distribution.this.ordered_cache_behavior :
      b.path_pattern == var.contract.api.pathPrefix && b.target_origin_id == "api" &&
      b.cache_policy_id == "4135ea2d-6df8-44a3-9df3-4b5a84be39ad" &&
      b.origin_request_policy_id == "b689b0a8-53d0-40ab-baf2-68738e2966ac" &&
      contains(b.allowed_methods, "POST") && !b.compress &&
      b.response_headers_policy_id == aws_cloudfront_response_headers_policy.security.id
    ])
    error_message = "/sync must go to the API uncached (CachingDisabled), with all viewer headers but Host (Authorization included), POST allowed."
  }
}

run "missing_dist_dir_plans_without_uploads" {
  command = plan

  variables {
    web_dist_dir = "tests/fixtures/does-not-exist"
  }

  assert {
    condition     = length(aws_s3_object.web) == 0
    error_message = "A missing dist dir must upload nothing (and not fail the plan)."
  }

  assert {
    condition     = aws_s3_object.config.key == "config.json"
    error_message = "config.json is generated even without a web build."
  }
}
