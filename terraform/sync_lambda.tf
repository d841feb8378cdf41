# The sync Lambda runs a zip that npm builds (npm run build -w sync-api); Terraform only ships it.

locals {
  # Only the Lambda service may assume a function's role (the sync and realtime functions).
  lambda_assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "lambda.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })
}

resource "aws_cloudwatch_log_group" "sync_lambda" {
  name              = "/aws/lambda/${local.lambda_name}"
  retention_in_days = var.log_retention_days
}

resource "aws_iam_role" "sync_lambda" {
  name = "${local.lambda_name}-lambda"

  assume_role_policy = local.lambda_assume_role_policy
}

# Least privilege: one statement per table with exactly the actions the code uses on it (the
# table's "actions" in sync-api/tables.json, kept honest by a test that records the store's
# commands), on the table and, only where it has indexes, its indexes; plus the function's own
# log group.
resource "aws_iam_role_policy" "sync_lambda" {
  name = "sync"
  role = aws_iam_role.sync_lambda.id

  policy = jsonencode({
    Version = "2012-10-17"
    Statement = concat(
      [
        for key, table in local.tables : {
          Sid      = "Table${replace(title(key), "-", "")}"
          Effect   = "Allow"
          Action   = [for a in table.actions : "dynamodb:${a}"]
          Resource = length(try(table.globalSecondaryIndexes, [])) > 0 ? [aws_dynamodb_table.this[key].arn, "${aws_dynamodb_table.this[key].arn}/index/*"] : [aws_dynamodb_table.this[key].arn]
        }
      ],
      [
        {
          Sid      = "OwnLogGroup"
          Effect   = "Allow"
          Action   = ["logs:CreateLogStream", "logs:PutLogEvents"]
          Resource = "${aws_cloudwatch_log_group.sync_lambda.arn}:*"
        },
      ],
    )
  })
}

resource "aws_lambda_function" "sync" {
  function_name = local.lambda_name
  description   = "ChatScape batch sync (POST /sync)"
  role          = aws_iam_role.sync_lambda.arn

  filename = local.lambda_zip_path
  # Guarded so a missing zip fails on the precondition below with a useful message instead of a
  # bare "no such file" from the hash function.
  source_code_hash = fileexists(local.lambda_zip_path) ? filebase64sha256(local.lambda_zip_path) : null
  handler          = local.lambda.handler
  runtime          = local.lambda_runtime
  architectures    = [local.lambda.architecture]
  memory_size      = local.lambda_memory_mb
  timeout          = local.lambda_timeout_seconds

  # A ceiling on concurrent invocations: bounds cost and DynamoDB load if the API is flooded.
  reserved_concurrent_executions = local.lambda_reserved_concurrency

  environment {
    variables = merge(
      # CONTACTS_TABLE, MESSAGES_TABLE, ... one per entry of tables.json.
      { for key, table in aws_dynamodb_table.this : "${upper(key)}_TABLE" => table.name },
      { ALLOWED_ORIGIN = local.app_url },
      # OVERLAP_MS, RATE_LIMIT_PER_MINUTE, ...: the contract's lambda.environment.
      local.lambda_environment,
      { REALTIME_ENDPOINT = local.realtime_management_url }, # live delivery (websocket.tf)
      # Web Push hand-off (push.tf), once the deployment has its VAPID key.
      var.vapid_public_key == "" ? {} : { NOTIFIER_FUNCTION = local.notifier_name },
    )
  }

  logging_config {
    log_format = "Text"
    log_group  = aws_cloudwatch_log_group.sync_lambda.name
  }

  lifecycle {
    precondition {
      condition     = local.lambda_timeout_seconds < local.api.limits.integrationTimeoutSeconds - 1
      error_message = "The Lambda timeout must stay below API Gateway's integration timeout (contract api.limits), or clients see a 503 while the function keeps running."
    }
    precondition {
      condition     = fileexists(local.lambda_zip_path)
      error_message = "Lambda zip ${local.lambda_zip_path} not found. Build it first: npm run build -w sync-api"
    }
  }

  # The log group must exist (with its retention) before the first invocation creates it
  # implicitly, and the role must be able to write to it.
  depends_on = [
    aws_cloudwatch_log_group.sync_lambda,
    aws_iam_role_policy.sync_lambda,
  ]
}
