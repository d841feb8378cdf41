# WAF in front of the distribution (app and API alike): a per-IP rate-based rule. WAF for
# CloudFront lives in us-east-1, hence the aliased provider. enable_waf = false removes it.

resource "aws_wafv2_web_acl" "edge" {
  count    = var.enable_waf ? 1 : 0
  provider = aws.us_east_1

  name        = "${var.name_prefix}-edge"
  description = "ChatScape: per-IP rate limit"
  scope       = "CLOUDFRONT"

  default_action {
    allow {}
  }

  rule {
    name     = "per-ip-rate"
    priority = 0

    action {
      block {}
    }

    statement {
      rate_based_statement {
        limit                 = coalesce(var.waf_rate_limit, local.contract.waf.rateLimitPerFiveMinutesPerIp)
        aggregate_key_type    = "IP"
        evaluation_window_sec = 300
      }
    }

    visibility_config {
      cloudwatch_metrics_enabled = true
      metric_name                = "${var.name_prefix}-per-ip-rate"
      sampled_requests_enabled   = true
    }
  }

  visibility_config {
    cloudwatch_metrics_enabled = true
    metric_name                = "${var.name_prefix}-edge"
    sampled_requests_enabled   = true
  }
}
