# The sync Lambda and its role: least-privilege IAM (one statement per table, exactly the actions
# tables.json lists), runtime, limits and environment from the contract (var.contract, read here
# independently of the module's locals).

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
  tables                = jsondecode(file("../sync-api/tables.json"))
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

  # One statement per table: exactly that table's actions from tables.json, on the table and,
  # only when it has indexes, on its indexes.
  assert {
    condition = alltrue([
      for key, spec in var.tables : anytrue([
        for st in jsondecode(aws_iam_role_policy.sync_lambda.policy).Statement :
        jsonencode(sort(flatten([st.Action]))) == jsonencode(sort([for a in spec.actions : "dynamodb:${a}"])) &&
        jsonencode(sort(flatten([st.Resource]))) == jsonencode(sort(
          length(spec.globalSecondaryIndexes) > 0
          ? [aws_dynamodb_table.this[key].arn, "${aws_dynamodb_table.this[key].arn}/index/*"]
          : [aws_dynamodb_table.this[key].arn]
        ))
      ]) if key != "$comment"
    ])
    error_message = "Each table needs its own statement with exactly its tables.json actions, on the table (and index/* only where it has indexes)."
  }

  assert {
    condition     = length(jsondecode(aws_iam_role_policy.sync_lambda.policy).Statement) == length([for k in keys(var.tables) : k if k != "$comment"]) + 1
    error_message = "The policy must have one statement per table plus the log statement, nothing else."
  }

  assert {
    condition     = jsonencode(var.tables.reports.actions) == jsonencode(["PutItem"])
    error_message = "The Lambda may only PutItem reports: it never reads them back."
  }

  assert {
    condition = !anytrue(flatten([
      for s in jsondecode(aws_iam_role_policy.sync_lambda.policy).Statement : [
        for a in flatten([s.Action]) : contains(["dynamodb:BatchGetItem", "dynamodb:BatchWriteItem", "dynamodb:Scan"], a)
      ]
    ]))
    error_message = "No batch or scan actions: the code uses none of them."
  }

  # The only delete: live delivery forgets a socket that answered 410 Gone.
  assert {
    condition = alltrue([
      for s in jsondecode(aws_iam_role_policy.sync_lambda.policy).Statement :
      !contains(flatten([s.Action]), "dynamodb:DeleteItem") || flatten([s.Resource]) == [aws_dynamodb_table.this["connections"].arn]
    ])
    error_message = "DeleteItem is allowed on the connections table only (gone sockets), never on user data."
  }

  assert {
    condition = anytrue([
      for s in jsondecode(aws_iam_role_policy.sync_lambda.policy).Statement :
      flatten([s.Action]) == ["logs:CreateLogStream", "logs:PutLogEvents"] && s.Resource == "${aws_cloudwatch_log_group.sync_lambda.arn}:*"
    ])
    error_message = "The function may write only to its own log group."
  }

  assert {
    condition     = jsondecode(aws_iam_role.sync_lambda.assume_role_policy).Statement[0].Principal.Service == "lambda.amazonaws.com"
    error_message = "Only the Lambda service may assume the role."
  }
}

run "lambda_runtime_and_environment" {
  command = apply

  assert {
    condition     = aws_lambda_function.sync.timeout == var.contract.lambda.timeoutSeconds && aws_lambda_function.sync.timeout < var.contract.api.limits.integrationTimeoutSeconds - 1
    error_message = "The Lambda timeout must be the contract's, below API Gateway's integration timeout."
  }

  assert {
    condition     = aws_lambda_function.sync.runtime == "nodejs22.x" && var.contract.lambda.runtime == "nodejs22.x"
    error_message = "The default runtime must be nodejs22.x (Node.js 20 reached end of life in April 2026)."
  }

  assert {
    condition = (
      aws_lambda_function.sync.handler == var.contract.lambda.handler &&
      aws_lambda_function.sync.memory_size == var.contract.lambda.memoryMb &&
      aws_lambda_function.sync.architectures == tolist([var.contract.lambda.architecture])
    )
    error_message = "Handler, memory and architecture must be the contract's."
  }

  assert {
    condition     = aws_lambda_function.sync.source_code_hash == filebase64sha256("${path.module}/tests/fixtures/sync.zip")
    error_message = "source_code_hash must follow the zip's content so a rebuild redeploys."
  }

  assert {
    condition     = aws_lambda_function.sync.reserved_concurrent_executions == var.contract.lambda.reservedConcurrency && var.contract.lambda.reservedConcurrency > 0
    error_message = "Concurrency must be reserved (the contract's ceiling) by default."
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
      alltrue([
        for name, value in var.contract.lambda.environment :
        aws_lambda_function.sync.environment[0].variables[name] == value if name != "$comment"
      ])
    )
    error_message = "ALLOWED_ORIGIN must be the app URL; every variable of the contract's lambda.environment must be set to its value."
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

run "variables_override_the_contract" {
  command = apply

  variables {
    lambda_memory_mb            = 1024
    lambda_timeout_seconds      = 5
    lambda_reserved_concurrency = -1
    rate_limit_per_minute       = 120
    reports_retention_days      = 30
  }

  assert {
    condition = (
      aws_lambda_function.sync.memory_size == 1024 &&
      aws_lambda_function.sync.timeout == 5 &&
      aws_lambda_function.sync.reserved_concurrent_executions == -1 &&
      aws_lambda_function.sync.environment[0].variables["RATE_LIMIT_PER_MINUTE"] == "120" &&
      aws_lambda_function.sync.environment[0].variables["REPORTS_RETENTION_DAYS"] == "30"
    )
    error_message = "Set variables must win over the contract's defaults."
  }
}

run "end_of_life_runtime_is_rejected" {
  command = plan

  variables {
    lambda_runtime = "nodejs20.x"
  }

  expect_failures = [var.lambda_runtime]
}
