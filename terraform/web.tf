# The PWA: a private, versioned S3 bucket, readable only by this CloudFront distribution through
# Origin Access Control. Terraform uploads the files npm built into web/dist, plus a generated
# config.json pointing the app at this stack's API and user pool.

locals {
  # Managed policy: no caching at the edge (cannot be looked up under the test's mock provider,
  # hence the literal id).
  caching_disabled_policy_id = "4135ea2d-6df8-44a3-9df3-4b5a84be39ad"

  # Entry points that must never be stale: a cached index.html or sw.js would pin clients to an
  # old build whose hashed assets may no longer exist; config.json and the manifest likewise.
  no_cache_paths = ["index.html", "sw.js", "config.json", "manifest.webmanifest"]

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
    map         = "application/json"
  }

  # Images and fonts outside assets/ (icons, favicon) keep their names across builds; let
  # browsers reuse them for a day. Everything else outside assets/ revalidates every time.
  day_cacheable_extensions = ["png", "svg", "ico", "woff2"]

  # config.json in dist (e.g. from local development) is never uploaded: the generated one wins.
  web_files = [for f in fileset(local.web_dist_dir, "**") : f if f != "config.json"]

  web_objects = {
    for f in local.web_files : f => {
      content_type = lookup(local.content_types, lower(reverse(split(".", basename(f)))[0]), "application/octet-stream")
      cache_control = (
        startswith(f, "assets/") ? "public, max-age=31536000, immutable" :
        contains(local.day_cacheable_extensions, lower(reverse(split(".", basename(f)))[0])) ? "public, max-age=86400" :
        "no-cache"
      )
    }
  }

  # See the note on cycles in main.tf: this must not reference the API or Cognito resources.
  content_security_policy = join("; ", [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "connect-src 'self' ${local.api_origin_wildcard} ${local.realtime_origin_wildcard} ${local.cognito_idp_url} ${local.hosted_ui_url}",
    "object-src 'none'",
    "base-uri 'self'",
    "frame-ancestors 'none'",
    "form-action 'self' ${local.hosted_ui_url}",
    "manifest-src 'self'",
    "worker-src 'self'",
  ])
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
  content = jsonencode({
    apiURL    = local.api_url
    authority = local.authority
    clientID  = aws_cognito_user_pool_client.this.id
    # Live delivery (websocket.tf); without it the app polls.
    realtimeURL = local.realtime_url
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

resource "aws_cloudfront_response_headers_policy" "security" {
  name    = "${var.name_prefix}-security-headers"
  comment = "CSP, HSTS and friends for the ChatScape PWA"

  security_headers_config {
    content_security_policy {
      content_security_policy = local.content_security_policy
      override                = true
    }
    strict_transport_security {
      access_control_max_age_sec = 31536000
      include_subdomains         = true
      preload                    = true
      override                   = true
    }
    content_type_options {
      override = true
    }
    frame_options {
      frame_option = "DENY"
      override     = true
    }
    referrer_policy {
      referrer_policy = "strict-origin-when-cross-origin"
      override        = true
    }
  }
}

resource "aws_cloudfront_distribution" "this" {
  enabled             = true
  comment             = "ChatScape web app"
  default_root_object = "index.html"
  http_version        = "http2and3"
  is_ipv6_enabled     = true
  price_class         = var.cloudfront_price_class
  aliases             = local.custom_domain ? [var.app_domain] : []

  origin {
    origin_id                = "web"
    domain_name              = aws_s3_bucket.web.bucket_regional_domain_name
    origin_access_control_id = aws_cloudfront_origin_access_control.web.id
  }

  default_cache_behavior {
    target_origin_id           = "web"
    viewer_protocol_policy     = "redirect-to-https"
    allowed_methods            = ["GET", "HEAD"]
    cached_methods             = ["GET", "HEAD"]
    compress                   = true
    cache_policy_id            = aws_cloudfront_cache_policy.default.id
    response_headers_policy_id = aws_cloudfront_response_headers_policy.security.id
  }

  ordered_cache_behavior {
    path_pattern               = "/assets/*"
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
      cache_policy_id            = local.caching_disabled_policy_id
      response_headers_policy_id = aws_cloudfront_response_headers_policy.security.id
    }
  }

  # SPA fallback: S3 answers 403 (no ListBucket) or 404 for client-side routes; serve the app
  # shell instead, and don't cache that answer, so a deploy is visible immediately.
  dynamic "custom_error_response" {
    for_each = [403, 404]
    content {
      error_code            = custom_error_response.value
      response_code         = 200
      response_page_path    = "/index.html"
      error_caching_min_ttl = 0
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
