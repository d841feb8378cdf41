# In front of everything: a WAF web ACL (us-east-1) with a per-IP rate-based rule, which a
# variable can turn off; and the operators' read-only role for abuse reports.

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

run "waf_rate_limits_each_ip_in_front_of_app_and_api" {
  command = apply

  assert {
    condition = (
      aws_wafv2_web_acl.edge[0].scope == "CLOUDFRONT" &&
      aws_cloudfront_distribution.this.web_acl_id == aws_wafv2_web_acl.edge[0].arn &&
      length(aws_wafv2_web_acl.edge[0].default_action[0].allow) == 1
    )
    error_message = "The distribution (app and /sync alike) must sit behind a CloudFront-scoped web ACL."
  }

  assert {
    condition = anytrue([
      for r in aws_wafv2_web_acl.edge[0].rule :
      length(r.action[0].block) == 1 &&
      r.statement[0].rate_based_statement[0].aggregate_key_type == "IP" &&
      r.statement[0].rate_based_statement[0].limit == var.contract.waf.rateLimitPerFiveMinutesPerIp &&
      r.statement[0].rate_based_statement[0].evaluation_window_sec == 300
    ])
    error_message = "A rule must block an IP over the contract's requests per 5 minutes."
  }

  assert {
    condition     = startswith(aws_wafv2_web_acl.edge[0].arn, "arn:aws:wafv2:us-east-1:")
    error_message = "WAF for CloudFront must be created in us-east-1 (the aliased provider)."
  }
}

run "waf_can_be_turned_off" {
  command = apply

  variables {
    enable_waf = false
  }

  assert {
    condition     = length(aws_wafv2_web_acl.edge) == 0 && aws_cloudfront_distribution.this.web_acl_id == null
    error_message = "enable_waf = false must remove the web ACL."
  }
}

run "waf_limit_follows_the_variable" {
  command = apply

  variables {
    waf_rate_limit = 500
  }

  assert {
    condition     = one(aws_wafv2_web_acl.edge[0].rule).statement[0].rate_based_statement[0].limit == 500
    error_message = "waf_rate_limit must reach the rule."
  }
}

run "no_reports_reader_without_principals" {
  command = apply

  assert {
    condition     = length(aws_iam_role.reports_reader) == 0 && output.reports_reader_role_arn == ""
    error_message = "Without reports_reader_principal_arns there must be no reports role."
  }
}

run "reports_reader_is_read_only_on_the_reports_table" {
  command = apply

  variables {
    reports_reader_principal_arns = ["arn:aws:iam::123456789012:role/operator"]
  }

  assert {
    condition     = jsondecode(aws_iam_role.reports_reader[0].assume_role_policy).Statement[0].Principal.AWS == ["arn:aws:iam::123456789012:role/operator"]
    error_message = "Only the listed principals may assume the reports role."
  }

  assert {
    condition = alltrue([
      for s in jsondecode(aws_iam_role_policy.reports_reader[0].policy).Statement :
      s.Effect == "Allow" &&
      length(setsubtract(s.Action, ["dynamodb:Scan", "dynamodb:Query", "dynamodb:GetItem", "dynamodb:DescribeTable"])) == 0 &&
      s.Resource == [aws_dynamodb_table.this["reports"].arn]
    ])
    error_message = "The reports role may only read, and only the reports table."
  }
}
