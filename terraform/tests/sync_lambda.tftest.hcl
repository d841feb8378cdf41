# The sync Lambda and its role: least-privilege IAM, runtime settings, environment contract.

mock_provider "aws" {
  source = "./tests/mocks"
}

variables {
  cognito_domain_prefix = "chatscape-test"
  lambda_zip_path       = "tests/fixtures/sync.zip"
  web_dist_dir          = "tests/fixtures/web-dist"
}

run "iam_policy_is_least_privilege" {
  command = apply

  assert {
    condition = alltrue(flatten([
      for s in jsondecode(aws_iam_role_policy.sync_lambda.policy).Statement : [
        for a in flatten([s.Action]) : !strcontains(a, "*") && !strcontains(a, "?")
      ]
    ]))
    error_message = "No IAM statement may use a wildcard action."
  }

  assert {
    condition = alltrue(flatten([
      for s in jsondecode(aws_iam_role_policy.sync_lambda.policy).Statement : [
        for a in flatten([s.Action]) : lower(a) != "dynamodb:scan"
      ]
    ]))
    error_message = "The Lambda role must not be allowed to Scan."
  }

  assert {
    condition     = alltrue([for s in jsondecode(aws_iam_role_policy.sync_lambda.policy).Statement : s.Effect == "Allow" && !can(s.NotAction) && !can(s.NotResource)])
    error_message = "Only plain Allow statements (no NotAction/NotResource) are expected."
  }

  assert {
    condition = jsonencode(sort(distinct(flatten([
      for s in jsondecode(aws_iam_role_policy.sync_lambda.policy).Statement : flatten([s.Action])
      ])))) == jsonencode(sort([
      "dynamodb:BatchGetItem", "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query", "dynamodb:UpdateItem",
      "logs:CreateLogStream", "logs:PutLogEvents",
    ]))
    error_message = "The role's actions must be exactly the item-level DynamoDB calls and log writes."
  }

  assert {
    condition = alltrue(flatten([
      for s in jsondecode(aws_iam_role_policy.sync_lambda.policy).Statement : [
        for r in flatten([s.Resource]) : r != "*" && (
          contains([for t in aws_dynamodb_table.this : t.arn], r) ||
          contains([for t in aws_dynamodb_table.this : "${t.arn}/index/*"], r) ||
          r == "${aws_cloudwatch_log_group.sync_lambda.arn}:*"
        )
      ]
    ]))
    error_message = "Every resource must be one of our tables, its indexes, or the function's own log group."
  }

  assert {
    condition = alltrue(flatten([
      for t in aws_dynamodb_table.this : [
        contains(flatten([for s in jsondecode(aws_iam_role_policy.sync_lambda.policy).Statement : flatten([s.Resource])]), t.arn),
        contains(flatten([for s in jsondecode(aws_iam_role_policy.sync_lambda.policy).Statement : flatten([s.Resource])]), "${t.arn}/index/*"),
      ]
    ]))
    error_message = "Every table and its indexes must be reachable by the Lambda."
  }

  assert {
    condition     = jsondecode(aws_iam_role.sync_lambda.assume_role_policy).Statement[0].Principal.Service == "lambda.amazonaws.com"
    error_message = "Only the Lambda service may assume the role."
  }
}

run "lambda_runtime_and_environment" {
  command = apply

  assert {
    condition     = aws_lambda_function.sync.timeout < 29
    error_message = "The Lambda timeout must be below API Gateway's 29 s integration timeout."
  }

  assert {
    condition = (
      aws_lambda_function.sync.handler == "index.handler" &&
      contains(["nodejs20.x", "nodejs22.x"], aws_lambda_function.sync.runtime) &&
      aws_lambda_function.sync.architectures == tolist(["arm64"])
    )
    error_message = "Expected handler index.handler on a Node.js 20/22 runtime, arm64."
  }

  assert {
    condition     = aws_lambda_function.sync.source_code_hash == filebase64sha256("${path.module}/tests/fixtures/sync.zip")
    error_message = "source_code_hash must follow the zip's content so a rebuild redeploys."
  }

  assert {
    condition     = aws_lambda_function.sync.reserved_concurrent_executions == -1
    error_message = "Concurrency must be unreserved by default."
  }

  assert {
    condition = (
      aws_lambda_function.sync.environment[0].variables["CONTACTS_TABLE"] == "chatscape-contacts" &&
      aws_lambda_function.sync.environment[0].variables["MESSAGES_TABLE"] == "chatscape-messages" &&
      aws_lambda_function.sync.environment[0].variables["REPORTS_TABLE"] == "chatscape-reports" &&
      aws_lambda_function.sync.environment[0].variables["RECEIPTS_TABLE"] == "chatscape-receipts"
    )
    error_message = "The *_TABLE variables must name the tables."
  }

  assert {
    condition = (
      aws_lambda_function.sync.environment[0].variables["ALLOWED_ORIGIN"] == "https://d111111abcdef8.cloudfront.net" &&
      aws_lambda_function.sync.environment[0].variables["OVERLAP_MS"] == "5000" &&
      aws_lambda_function.sync.environment[0].variables["RATE_LIMIT_PER_MINUTE"] == "600"
    )
    error_message = "ALLOWED_ORIGIN must be the app URL; OVERLAP_MS and RATE_LIMIT_PER_MINUTE default to 5000 and 600."
  }

  assert {
    condition     = aws_lambda_function.sync.logging_config[0].log_group == aws_cloudwatch_log_group.sync_lambda.name && aws_cloudwatch_log_group.sync_lambda.name == "/aws/lambda/chatscape-sync"
    error_message = "The function must log to its own /aws/lambda/<name> group."
  }
}

run "timeout_of_29_seconds_is_rejected" {
  command = plan

  variables {
    lambda_timeout_seconds = 29
  }

  expect_failures = [var.lambda_timeout_seconds]
}

run "missing_zip_fails_with_build_hint" {
  command = plan

  variables {
    lambda_zip_path = "tests/fixtures/does-not-exist.zip"
  }

  expect_failures = [aws_lambda_function.sync]
}
