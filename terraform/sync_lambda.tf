# The sync Lambda runs a zip that npm builds (npm run build -w sync-api); Terraform only ships it.

resource "aws_cloudwatch_log_group" "sync_lambda" {
  name              = "/aws/lambda/${local.lambda_name}"
  retention_in_days = var.log_retention_days
}

resource "aws_iam_role" "sync_lambda" {
  name = "${local.lambda_name}-lambda"

  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "lambda.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })
}

# Least privilege: the item-level calls the sync core makes, on these tables and their indexes
# only (no Scan, no deletes, no wildcard actions), and writing to the function's own log group.
resource "aws_iam_role_policy" "sync_lambda" {
  name = "sync"
  role = aws_iam_role.sync_lambda.id

  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid    = "SyncTables"
        Effect = "Allow"
        Action = [
          "dynamodb:GetItem",
          "dynamodb:PutItem",
          "dynamodb:UpdateItem",
          "dynamodb:Query",
          "dynamodb:BatchGetItem",
        ]
        Resource = flatten([
          for table in aws_dynamodb_table.this : [table.arn, "${table.arn}/index/*"]
        ])
      },
      {
        Sid      = "OwnLogGroup"
        Effect   = "Allow"
        Action   = ["logs:CreateLogStream", "logs:PutLogEvents"]
        Resource = "${aws_cloudwatch_log_group.sync_lambda.arn}:*"
      },
    ]
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
  handler          = "index.handler"
  runtime          = var.lambda_runtime
  architectures    = ["arm64"]
  memory_size      = var.lambda_memory_mb
  timeout          = var.lambda_timeout_seconds

  reserved_concurrent_executions = var.lambda_reserved_concurrency

  environment {
    variables = merge(
      # CONTACTS_TABLE, MESSAGES_TABLE, ... one per entry of tables.json.
      { for key, table in aws_dynamodb_table.this : "${upper(key)}_TABLE" => table.name },
      {
        ALLOWED_ORIGIN        = local.app_url
        OVERLAP_MS            = tostring(var.overlap_ms)
        RATE_LIMIT_PER_MINUTE = tostring(var.rate_limit_per_minute)
        REALTIME_ENDPOINT     = local.realtime_management_url # live delivery (websocket.tf)
        NODE_OPTIONS          = "--enable-source-maps"
      },
    )
  }

  logging_config {
    log_format = "Text"
    log_group  = aws_cloudwatch_log_group.sync_lambda.name
  }

  lifecycle {
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
