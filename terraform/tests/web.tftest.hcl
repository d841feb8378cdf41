# The web stack: private bucket behind CloudFront OAC, security headers, caching rules, uploads
# of web/dist (here: tests/fixtures/web-dist) and the generated config.json.

mock_provider "aws" {
  source = "./tests/mocks"
}

variables {
  cognito_domain_prefix = "chatscape-test"
  lambda_zip_path       = "tests/fixtures/sync.zip"
  web_dist_dir          = "tests/fixtures/web-dist"
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
    ])
    error_message = "Every origin must use OAC: no legacy OAI (s3_origin_config), no website endpoint."
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
      [for b in aws_cloudfront_distribution.this.ordered_cache_behavior : b.viewer_protocol_policy == "redirect-to-https"],
    ))
    error_message = "Every behaviour must redirect HTTP to HTTPS."
  }

  assert {
    condition = alltrue(concat(
      [aws_cloudfront_distribution.this.default_cache_behavior[0].response_headers_policy_id == aws_cloudfront_response_headers_policy.security.id],
      [for b in aws_cloudfront_distribution.this.ordered_cache_behavior : b.response_headers_policy_id == aws_cloudfront_response_headers_policy.security.id],
    ))
    error_message = "Every behaviour must send the security headers."
  }

  assert {
    condition = aws_cloudfront_distribution.this.default_root_object == "index.html" && alltrue([
      for code in [403, 404] : anytrue([
        for r in aws_cloudfront_distribution.this.custom_error_response :
        r.error_code == code && r.response_code == 200 && r.response_page_path == "/index.html"
      ])
    ])
    error_message = "Unknown paths (403/404 from S3) must fall back to /index.html with status 200."
  }

  assert {
    condition = anytrue([
      for b in aws_cloudfront_distribution.this.ordered_cache_behavior :
      b.path_pattern == "/assets/*" && b.cache_policy_id == aws_cloudfront_cache_policy.immutable.id
    ]) && aws_cloudfront_cache_policy.immutable.min_ttl >= 31536000
    error_message = "/assets/* must be cached for a year at the edge."
  }

  assert {
    condition = alltrue([
      for p in ["/index.html", "/sw.js", "/config.json", "/manifest.webmanifest"] : anytrue([
        for b in aws_cloudfront_distribution.this.ordered_cache_behavior :
        b.path_pattern == p && b.cache_policy_id == "4135ea2d-6df8-44a3-9df3-4b5a84be39ad"
      ])
    ])
    error_message = "index.html, sw.js, config.json and manifest.webmanifest must not be cached at the edge (CachingDisabled)."
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
      "connect-src 'self' https://*.execute-api.eu-west-1.amazonaws.com wss://*.execute-api.eu-west-1.amazonaws.com https://cognito-idp.eu-west-1.amazonaws.com https://chatscape-test.auth.eu-west-1.amazoncognito.com"
    )
    error_message = "connect-src must allow only the app, the region's API hosts (HTTP and WebSocket) and this pool's Cognito endpoints."
  }

  assert {
    condition = alltrue([
      for d in ["default-src 'self'", "script-src 'self'", "object-src 'none'", "base-uri 'self'", "worker-src 'self'", "form-action 'self' https://chatscape-test.auth.eu-west-1.amazoncognito.com"] :
      contains(split("; ", aws_cloudfront_response_headers_policy.security.security_headers_config[0].content_security_policy[0].content_security_policy), d)
    ])
    error_message = "The CSP is missing a required directive."
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
    error_message = "Every file of the dist dir except config.json must be uploaded under its relative path."
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
    condition = jsondecode(aws_s3_object.config.content) == {
      apiURL    = "https://a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com"
      authority = "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbCdEf123"
      clientID  = "4exampleclientid0000000000"
      # Live delivery: the WebSocket API (tests/websocket.tftest.hcl checks its value).
      realtimeURL = output.realtime_url
    }
    error_message = "config.json must carry the real API URL, issuer and client id."
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
    condition     = output.api_url == "https://a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com" && !endswith(output.api_url, "/")
    error_message = "api_url must be the API endpoint without a trailing slash."
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
