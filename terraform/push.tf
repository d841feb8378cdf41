# Web Push: the notifier Lambda, which the sync Lambda invokes asynchronously after a message
# is applied (so the sender's request never waits on a push service), and the VAPID key.
# Settings come from the deployment contract's `push` (sync-api/deployment.json), which the
# local stack (sync-api/local/push-stack.ts) reads too; the subscriptions table is in tables.json.
#
#   sync Lambda ──lambda:InvokeFunction (InvocationType Event)──▶ notifier ──▶ push services
#                                       (2 retries, then the event goes to the failure queue)

locals {
  push          = local.contract.push
  notifier_name = "${var.name_prefix}-notifier"
  # SSM path of the VAPID private key, e.g. /chatscape/push/vapid-private-key.
  vapid_parameter_name = replace(local.push.vapidParameterName, "{prefix}", var.name_prefix)
  # What sync-api/scripts/vapid-keys.ts recognises as "not set yet".
  vapid_placeholder = "unset"

  subscriptions_table_arn = aws_dynamodb_table.this["subscriptions"].arn
}

# The private key never passes through Terraform: the parameter is created with a placeholder
# (write-only, so neither it nor the key the script sets later is ever in plan or state) and
# sync-api/scripts/vapid-keys.ts overwrites it once per deployment (docs/deploy.md).
resource "aws_ssm_parameter" "vapid_private_key" {
  name             = local.vapid_parameter_name
  description      = "ChatScape VAPID private key (Web Push). Set by sync-api/scripts/vapid-keys.ts, never by Terraform."
  type             = "SecureString"
  value_wo         = local.vapid_placeholder
  value_wo_version = 1

  lifecycle {
    ignore_changes = [value_wo, value_wo_version]
  }
}

resource "aws_cloudwatch_log_group" "notifier" {
  name              = "/aws/lambda/${local.notifier_name}"
  retention_in_days = var.log_retention_days
}

# Where an event lands after Lambda's retries are exhausted (its content is who wrote to
# whom, never text): operators can inspect and replay it.
resource "aws_sqs_queue" "notifier_failures" {
  name                      = "${local.notifier_name}-failures"
  message_retention_seconds = 1209600
  sqs_managed_sse_enabled   = true
}

resource "aws_iam_role" "notifier" {
  name               = "${local.notifier_name}-lambda"
  assume_role_policy = local.lambda_assume_role_policy
}

# Least privilege: read the recipient's contact row (blocked?), the subscription actions of
# tables.json `notifierActions`, the one key parameter, the failure queue, its log group.
resource "aws_iam_role_policy" "notifier" {
  name = "notifier"
  role = aws_iam_role.notifier.id

  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid      = "OwnLogGroup"
        Effect   = "Allow"
        Action   = ["logs:CreateLogStream", "logs:PutLogEvents"]
        Resource = "${aws_cloudwatch_log_group.notifier.arn}:*"
      },
      {
        Sid      = "ContactRules"
        Effect   = "Allow"
        Action   = ["dynamodb:GetItem"]
        Resource = local.contacts_table_arn
      },
      {
        Sid      = "Subscriptions"
        Effect   = "Allow"
        Action   = [for a in local.tables.subscriptions.notifierActions : "dynamodb:${a}"]
        Resource = local.subscriptions_table_arn
      },
      {
        # SecureString with the AWS-managed aws/ssm key: no kms statement is needed.
        Sid      = "VapidKey"
        Effect   = "Allow"
        Action   = ["ssm:GetParameter"]
        Resource = aws_ssm_parameter.vapid_private_key.arn
      },
      {
        Sid      = "FailureDestination"
        Effect   = "Allow"
        Action   = ["sqs:SendMessage"]
        Resource = aws_sqs_queue.notifier_failures.arn
      },
    ]
  })
}

resource "aws_lambda_function" "notifier" {
  function_name = local.notifier_name
  description   = "ChatScape Web Push notifier (content-free pokes, VAPID + aes128gcm)"
  role          = aws_iam_role.notifier.arn

  filename         = local.lambda_zip_path
  source_code_hash = fileexists(local.lambda_zip_path) ? filebase64sha256(local.lambda_zip_path) : null
  handler          = local.push.handler
  runtime          = local.lambda_runtime
  architectures    = [local.lambda.architecture]
  memory_size      = local.push.memoryMb
  timeout          = local.push.timeoutSeconds

  environment {
    variables = {
      CONTACTS_TABLE              = aws_dynamodb_table.this["contacts"].name
      SUBSCRIPTIONS_TABLE         = aws_dynamodb_table.this["subscriptions"].name
      VAPID_PRIVATE_KEY_PARAMETER = aws_ssm_parameter.vapid_private_key.name
      VAPID_PUBLIC_KEY            = var.vapid_public_key
      VAPID_SUBJECT               = local.app_url
      NODE_OPTIONS                = "--enable-source-maps"
    }
  }

  logging_config {
    log_format = "Text"
    log_group  = aws_cloudwatch_log_group.notifier.name
  }

  depends_on = [aws_cloudwatch_log_group.notifier, aws_iam_role_policy.notifier]
}

# Asynchronous invokes: Lambda retries a failed run, drops events older than the contract's
# age (a poke an hour late is worth nothing), then sends the event to the failure queue.
resource "aws_lambda_function_event_invoke_config" "notifier" {
  function_name                = aws_lambda_function.notifier.function_name
  maximum_retry_attempts       = local.push.maximumRetryAttempts
  maximum_event_age_in_seconds = local.push.maximumEventAgeSeconds

  destination_config {
    on_failure {
      destination = aws_sqs_queue.notifier_failures.arn
    }
  }
}

# The sync Lambda may invoke the notifier and nothing else (its table rights on subscriptions,
# tables.json "actions", come from sync_lambda.tf).
resource "aws_iam_role_policy" "sync_lambda_push" {
  name = "sync-push"
  role = aws_iam_role.sync_lambda.id

  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid      = "InvokeNotifier"
      Effect   = "Allow"
      Action   = ["lambda:InvokeFunction"]
      Resource = aws_lambda_function.notifier.arn
    }]
  })
}

output "notifier_function_name" {
  description = "The Web Push notifier Lambda (invoked asynchronously by the sync Lambda), string."
  value       = aws_lambda_function.notifier.function_name
}

output "vapid_parameter_name" {
  description = "SSM parameter for the VAPID private key; set it once with sync-api/scripts/vapid-keys.ts, string."
  value       = aws_ssm_parameter.vapid_private_key.name
}
