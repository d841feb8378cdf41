# The PWA: a private, versioned S3 bucket, readable only by this CloudFront distribution through
# Origin Access Control. Terraform uploads the files npm built into web/dist, plus a generated
# config.json pointing the app at this stack's API and user pool.

locals {
  # Managed policies (cannot be looked up under the test's mock provider, hence the literal ids):
  # no caching at the edge, and forward every viewer header (Authorization included, which
  # CloudFront allows only with caching disabled) except Host, which must be the API's own.
  caching_disabled_policy_id              = "4135ea2d-6df8-44a3-9df3-4b5a84be39ad"
  all_viewer_except_host_header_policy_id = "b689b0a8-53d0-40ab-baf2-68738e2966ac"

  content_types = {
    html        = "text/html; charset=utf-8"
    js          = "text/javascript; charset=utf-8"
    mjs         = "text/javascript; charset=utf-8"
    css         = "text/css; charset=utf-8"
    json        = "application/json"
    webmanifest = "application/manifest+json"
    svg         = "image/svg+xml"
    png         = "image/png"
    ico         = "image/x-icon"
    txt         = "text/plain; charset=utf-8"
    woff2       = "font/woff2"
  }

  # Caching rules from the contract (the local app server applies the same ones):
  # hashed assets are immutable; the entry points (index.html, sw.js, config.json, the
  # manifest) are revalidated on every load, since a stale index.html or sw.js would pin clients
  # to an old build whose hashed assets may be gone; icons and fonts live a day.
  no_cache_paths = [for p in local.caching.noCachePaths : trimprefix(p, "/")]

  # Never uploaded: config.json from a local build (the generated one wins) and source maps
  # (they would publish the original source next to the app).
  web_files = [
    for f in fileset(local.web_dist_dir, "**") : f
    if !anytrue([for pattern in local.caching.excludeFromUpload : startswith(pattern, "*.") ? endswith(f, trimprefix(pattern, "*")) : f == pattern])
  ]

  web_objects = {
    for f in local.web_files : f => {
      content_type = lookup(local.content_types, lower(reverse(split(".", basename(f)))[0]), "application/octet-stream")
      cache_control = (
        startswith("/${f}", local.caching.immutablePrefix) ? local.caching.immutable :
        contains(local.no_cache_paths, f) ? local.caching.noCache :
        contains(local.caching.dayCacheableExtensions, lower(reverse(split(".", basename(f)))[0])) ? local.caching.day :
        local.caching.noCache
      )
    }
  }

  # Headers beyond CloudFront's security_headers_config (COOP, Permissions-Policy).
  custom_headers = { for name, value in local.headers.custom : name => value }
}

# ---------------------------------------------------------------------------------------------
# Bucket
# ---------------------------------------------------------------------------------------------

resource "aws_s3_bucket" "web" {
  bucket_prefix = "${var.name_prefix}-web-"
  force_destroy = var.force_destroy_web_bucket
}

resource "aws_s3_bucket_public_access_block" "web" {
  bucket                  = aws_s3_bucket.web.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_ownership_controls" "web" {
  bucket = aws_s3_bucket.web.id
  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

# SSE-S3 keeps ETags equal to the file MD5 (the uploads below rely on that) and needs no KMS key
# policy for CloudFront.
resource "aws_s3_bucket_server_side_encryption_configuration" "web" {
  bucket = aws_s3_bucket.web.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

resource "aws_s3_bucket_versioning" "web" {
  bucket = aws_s3_bucket.web.id
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "web" {
  bucket = aws_s3_bucket.web.id

  rule {
    id     = "expire-old-versions"
    status = "Enabled"
    filter {}

    noncurrent_version_expiration {
      noncurrent_days = var.noncurrent_version_retention_days
    }

    abort_incomplete_multipart_upload {
      days_after_initiation = 1
    }
  }

  depends_on = [aws_s3_bucket_versioning.web]
}

resource "aws_s3_bucket_policy" "web" {
  bucket = aws_s3_bucket.web.id

  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "CloudFrontReadViaOAC"
        Effect    = "Allow"
        Principal = { Service = "cloudfront.amazonaws.com" }
        Action    = "s3:GetObject"
        Resource  = "${aws_s3_bucket.web.arn}/*"
        Condition = {
          StringEquals = { "AWS:SourceArn" = aws_cloudfront_distribution.this.arn }
        }
      },
      {
        Sid       = "DenyInsecureTransport"
        Effect    = "Deny"
        Principal = "*"
        Action    = "s3:*"
        Resource  = [aws_s3_bucket.web.arn, "${aws_s3_bucket.web.arn}/*"]
        Condition = {
          Bool = { "aws:SecureTransport" = "false" }
        }
      },
    ]
  })

  depends_on = [aws_s3_bucket_public_access_block.web]
}

# ---------------------------------------------------------------------------------------------
# Uploads
# ---------------------------------------------------------------------------------------------

resource "aws_s3_object" "web" {
  for_each = local.web_objects

  bucket        = aws_s3_bucket.web.id
  key           = each.key
  source        = "${local.web_dist_dir}/${each.key}"
  etag          = filemd5("${local.web_dist_dir}/${each.key}")
  content_type  = each.value.content_type
  cache_control = each.value.cache_control
}

resource "aws_s3_object" "config" {
  bucket        = aws_s3_bucket.web.id
  key           = "config.json"
  content_type  = "application/json"
  cache_control = "no-cache"
  # The same fields the local app server generates (sync-api/local/app-config.ts).
  content = jsonencode({
    apiURL             = local.api_url
    authority          = local.authority
    clientID           = aws_cognito_user_pool_client.this.id
    scope              = join(" ", local.oauth.scopes)
    redirectPath       = local.oauth.redirectPath
    postLogoutPath     = local.oauth.postLogoutPath
    endSessionEndpoint = local.end_session_url
    revocationEndpoint = local.revocation_endpoint
    # Live delivery (websocket.tf); without it the app polls.
    realtimeURL = local.realtime_url
    # Web Push (push.tf): the VAPID public key; the private key stays in SSM.
    vapidPublicKey = var.vapid_public_key
  })
}

# ---------------------------------------------------------------------------------------------
# CloudFront
# ---------------------------------------------------------------------------------------------

resource "aws_cloudfront_origin_access_control" "web" {
  name                              = "${var.name_prefix}-web"
  description                       = "ChatScape web bucket"
  origin_access_control_origin_type = "s3"
  signing_behavior                  = "always"
  signing_protocol                  = "sigv4"
}

# Default behaviour (icons, SPA routes): honours the objects' Cache-Control, so the no-cache
# index.html served for "/" is revalidated while icons live a day.
resource "aws_cloudfront_cache_policy" "default" {
  name        = "${var.name_prefix}-default"
  comment     = "Honour origin Cache-Control"
  min_ttl     = 0
  default_ttl = 86400
  max_ttl     = 31536000

  parameters_in_cache_key_and_forwarded_to_origin {
    enable_accept_encoding_gzip   = true
    enable_accept_encoding_brotli = true
    cookies_config {
      cookie_behavior = "none"
    }
    headers_config {
      header_behavior = "none"
    }
    query_strings_config {
      query_string_behavior = "none"
    }
  }
}

# assets/* have content hashes in their names: cache for a year at the edge whatever happens.
resource "aws_cloudfront_cache_policy" "immutable" {
  name        = "${var.name_prefix}-immutable"
  comment     = "Hashed build assets"
  min_ttl     = 31536000
  default_ttl = 31536000
  max_ttl     = 31536000

  parameters_in_cache_key_and_forwarded_to_origin {
    enable_accept_encoding_gzip   = true
    enable_accept_encoding_brotli = true
    cookies_config {
      cookie_behavior = "none"
    }
    headers_config {
      header_behavior = "none"
    }
    query_strings_config {
      query_string_behavior = "none"
    }
  }
}

# Entry points: revalidated with the origin on every request (their Cache-Control is no-cache,
# min TTL 0), yet compressible: CloudFront compresses only under a cache policy that enables the
# encodings, which the managed CachingDisabled policy does not.
resource "aws_cloudfront_cache_policy" "revalidate" {
  name        = "${var.name_prefix}-revalidate"
  comment     = "Entry points: always revalidated"
  min_ttl     = 0
  default_ttl = 0
  max_ttl     = 31536000

  parameters_in_cache_key_and_forwarded_to_origin {
    enable_accept_encoding_gzip   = true
    enable_accept_encoding_brotli = true
    cookies_config {
      cookie_behavior = "none"
    }
    headers_config {
      header_behavior = "none"
    }
    query_strings_config {
      query_string_behavior = "none"
    }
  }
}

resource "aws_cloudfront_response_headers_policy" "security" {
  name    = "${var.name_prefix}-security-headers"
  comment = "CSP, HSTS and friends for the ChatScape PWA"

  security_headers_config {
    content_security_policy {
      content_security_policy = local.content_security_policy
      override                = true
    }
    strict_transport_security {
      access_control_max_age_sec = local.headers.strictTransportSecurity.maxAgeSeconds
      include_subdomains         = local.headers.strictTransportSecurity.includeSubdomains
      preload                    = local.headers.strictTransportSecurity.preload
      override                   = true
    }
    content_type_options {
      override = local.headers.contentTypeOptions == "nosniff"
    }
    frame_options {
      frame_option = local.headers.frameOptions
      override     = true
    }
    referrer_policy {
      referrer_policy = local.headers.referrerPolicy
      override        = true
    }
  }

  custom_headers_config {
    dynamic "items" {
      for_each = local.custom_headers
      content {
        header   = items.key
        value    = items.value
        override = true
      }
    }
  }
}

# SPA routing without custom error responses (those would also turn the API's and WAF's 403/404
# into index.html): a navigation to an app route is answered with /index.html, decided by the
# contract's staticExtensions exactly as the local app server decides it.
resource "aws_cloudfront_function" "spa_routes" {
  name    = "${var.name_prefix}-spa-routes"
  runtime = "cloudfront-js-2.0"
  comment = "App routes -> /index.html"
  publish = true
  code    = <<-JS
    var staticExtensions = ${jsonencode(local.caching.staticExtensions)};
    function handler(event) {
      var request = event.request;
      var last = request.uri.split('/').pop();
      var dot = last.lastIndexOf('.');
      var ext = dot < 0 ? '' : last.slice(dot + 1).toLowerCase();
      if (staticExtensions.indexOf(ext) < 0) request.uri = '/index.html';
      return request;
    }
  JS
}

resource "aws_cloudfront_distribution" "this" {
  enabled             = true
  comment             = "ChatScape web app"
  default_root_object = "index.html"
  http_version        = "http2and3"
  is_ipv6_enabled     = true
  price_class         = var.cloudfront_price_class
  aliases             = local.custom_domain ? [var.app_domain] : []

  web_acl_id = var.enable_waf ? aws_wafv2_web_acl.edge[0].arn : null

  origin {
    origin_id                = "web"
    domain_name              = aws_s3_bucket.web.bucket_regional_domain_name
    origin_access_control_id = aws_cloudfront_origin_access_control.web.id
  }

  # The sync API on the app's own origin (one origin: no CORS, connect-src 'self').
  origin {
    origin_id   = "api"
    domain_name = local.api_origin_domain

    custom_origin_config {
      http_port              = 80
      https_port             = 443
      origin_protocol_policy = "https-only"
      origin_ssl_protocols   = ["TLSv1.2"]
      # Above API Gateway's own integration timeout, so its answer (a 503) reaches the client.
      origin_read_timeout = 60
    }
  }

  # /sync: never cached, every method the API needs, Authorization forwarded (all viewer
  # headers but Host), the same response headers as the app.
  ordered_cache_behavior {
    path_pattern               = local.api.pathPrefix
    target_origin_id           = "api"
    viewer_protocol_policy     = "https-only"
    allowed_methods            = ["GET", "HEAD", "OPTIONS", "PUT", "POST", "PATCH", "DELETE"]
    cached_methods             = ["GET", "HEAD"]
    compress                   = false
    cache_policy_id            = local.caching_disabled_policy_id
    origin_request_policy_id   = local.all_viewer_except_host_header_policy_id
    response_headers_policy_id = aws_cloudfront_response_headers_policy.security.id
  }

  default_cache_behavior {
    target_origin_id           = "web"
    viewer_protocol_policy     = "redirect-to-https"
    allowed_methods            = ["GET", "HEAD"]
    cached_methods             = ["GET", "HEAD"]
    compress                   = true
    cache_policy_id            = aws_cloudfront_cache_policy.default.id
    response_headers_policy_id = aws_cloudfront_response_headers_policy.security.id

    function_association {
      event_type   = "viewer-request"
      function_arn = aws_cloudfront_function.spa_routes.arn
    }
  }

  ordered_cache_behavior {
    path_pattern               = "${local.caching.immutablePrefix}*"
    target_origin_id           = "web"
    viewer_protocol_policy     = "redirect-to-https"
    allowed_methods            = ["GET", "HEAD"]
    cached_methods             = ["GET", "HEAD"]
    compress                   = true
    cache_policy_id            = aws_cloudfront_cache_policy.immutable.id
    response_headers_policy_id = aws_cloudfront_response_headers_policy.security.id
  }

  dynamic "ordered_cache_behavior" {
    for_each = local.no_cache_paths
    content {
      path_pattern               = "/${ordered_cache_behavior.value}"
      target_origin_id           = "web"
      viewer_protocol_policy     = "redirect-to-https"
      allowed_methods            = ["GET", "HEAD"]
      cached_methods             = ["GET", "HEAD"]
      compress                   = true
      cache_policy_id            = aws_cloudfront_cache_policy.revalidate.id
      response_headers_policy_id = aws_cloudfront_response_headers_policy.security.id
    }
  }

  restrictions {
    geo_restriction {
      restriction_type = "none"
    }
  }

  # With the default *.cloudfront.net certificate CloudFront always negotiates its own TLSv1
  # policy and ignores minimum_protocol_version; TLSv1.2_2021 needs a custom domain + ACM cert.
  viewer_certificate {
    cloudfront_default_certificate = !local.custom_domain
    acm_certificate_arn            = local.custom_domain ? var.acm_certificate_arn : null
    ssl_support_method             = local.custom_domain ? "sni-only" : null
    minimum_protocol_version       = local.custom_domain ? "TLSv1.2_2021" : "TLSv1"
  }

  lifecycle {
    precondition {
      condition     = !local.custom_domain || var.acm_certificate_arn != ""
      error_message = "app_domain is set, so acm_certificate_arn (a us-east-1 certificate for that domain) is required."
    }
  }
}
