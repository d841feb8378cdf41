# Live delivery: an API Gateway WebSocket API whose only job is to say "pull now" (a poke) and
# carry typing indicators. Routes, stage, limits and the token's query parameter come from the
# deployment contract's `realtime` (sync-api/deployment.json), which the local stand-in
# (sync-api/local/websocket.ts) reads too.
#
#   browser ──wss ?token=<ID token>──▶ $connect ─▶ authorizer Lambda (verifies the Cognito ID
#                                                   token like the HTTP API's JWT authorizer)
#                                       $connect/$disconnect/typing/ping ─▶ websocket Lambda
#   sync Lambda ──@connections POST (execute-api:ManageConnections)──▶ each device's socket
#
# Both Lambdas run the sync zip (handlers index.authorizer and index.websocket).

locals {
  realtime = local.contract.realtime

  realtime_functions = {
    authorizer = "index.authorizer"
    websocket  = "index.websocket"
  }

  # wss://<id>.execute-api.<region>.amazonaws.com/<stage>: what the browser opens.
  realtime_url = "${trimsuffix(aws_apigatewayv2_api.realtime.api_endpoint, "/")}/${local.realtime.stage}"
  # https://…/<stage>: the management API the SDK posts to (POST /<stage>/@connections/<id>).
  realtime_management_url = "https://${aws_apigatewayv2_api.realtime.id}.execute-api.${var.region}.amazonaws.com/${local.realtime.stage}"
  # Like api_origin_wildcard (see main.tf): computable without the API, so the CSP has no cycle.
  realtime_origin_wildcard = "wss://*.execute-api.${var.region}.amazonaws.com"

  connections_table_arn = aws_dynamodb_table.this["connections"].arn
  contacts_table_arn    = aws_dynamodb_table.this["contacts"].arn
}

resource "aws_apigatewayv2_api" "realtime" {
  name                       = "${var.name_prefix}-realtime"
  description                = "ChatScape live delivery (pokes and typing; no message text)"
  protocol_type              = "WEBSOCKET"
  route_selection_expression = local.realtime.routeSelectionExpression
}

# ---------------------------------------------------------------------------------------------
# The two functions (authorizer, websocket routes), each with its own role and log group.
# ---------------------------------------------------------------------------------------------

resource "aws_cloudwatch_log_group" "realtime" {
  for_each = local.realtime_functions

  name              = "/aws/lambda/${var.name_prefix}-realtime-${each.key}"
  retention_in_days = var.log_retention_days
}

resource "aws_iam_role" "realtime" {
  for_each = local.realtime_functions

  name = "${var.name_prefix}-realtime-${each.key}-lambda"

  assume_role_policy = local.lambda_assume_role_policy
}

# Least privilege: the authorizer only logs (it reads Cognito's public JWKS over HTTPS). The
# routes write and delete connection rows, read contact rows (typing rules) and post typing.
resource "aws_iam_role_policy" "realtime" {
  for_each = local.realtime_functions

  name = "realtime-${each.key}"
  role = aws_iam_role.realtime[each.key].id

  policy = jsonencode({
    Version = "2012-10-17"
    Statement = concat(
      [{
        Sid      = "OwnLogGroup"
        Effect   = "Allow"
        Action   = ["logs:CreateLogStream", "logs:PutLogEvents"]
        Resource = "${aws_cloudwatch_log_group.realtime[each.key].arn}:*"
      }],
      each.key != "websocket" ? [] : [
        {
          Sid      = "Connections"
          Effect   = "Allow"
          Action   = ["dynamodb:PutItem", "dynamodb:DeleteItem", "dynamodb:Query"]
          Resource = local.connections_table_arn
        },
        {
          Sid      = "ContactRules"
          Effect   = "Allow"
          Action   = ["dynamodb:GetItem"]
          Resource = local.contacts_table_arn
        },
        {
          Sid      = "PostToConnections"
          Effect   = "Allow"
          Action   = ["execute-api:ManageConnections"]
          Resource = "${aws_apigatewayv2_api.realtime.execution_arn}/${local.realtime.stage}/POST/@connections/*"
        },
      ],
    )
  })
}

resource "aws_lambda_function" "realtime" {
  for_each = local.realtime_functions

  function_name = "${var.name_prefix}-realtime-${each.key}"
  description   = "ChatScape live delivery: ${each.key}"
  role          = aws_iam_role.realtime[each.key].arn

  filename         = local.lambda_zip_path
  source_code_hash = fileexists(local.lambda_zip_path) ? filebase64sha256(local.lambda_zip_path) : null
  handler          = each.value
  runtime          = var.lambda_runtime
  architectures    = ["arm64"]
  memory_size      = var.lambda_memory_mb
  timeout          = 10

  environment {
    variables = each.key == "authorizer" ? {
      ID_TOKEN_ISSUER   = local.authority
      ID_TOKEN_AUDIENCE = aws_cognito_user_pool_client.this.id
      NODE_OPTIONS      = "--enable-source-maps"
      } : merge(
      { for key, table in aws_dynamodb_table.this : "${upper(key)}_TABLE" => table.name },
      {
        REALTIME_ENDPOINT = local.realtime_management_url
        NODE_OPTIONS      = "--enable-source-maps"
      },
    )
  }

  logging_config {
    log_format = "Text"
    log_group  = aws_cloudwatch_log_group.realtime[each.key].name
  }

  depends_on = [aws_cloudwatch_log_group.realtime, aws_iam_role_policy.realtime]
}

resource "aws_lambda_permission" "realtime" {
  for_each = local.realtime_functions

  statement_id  = "AllowApiGatewayInvoke"
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.realtime[each.key].function_name
  principal     = "apigateway.amazonaws.com"
  source_arn = (each.key == "authorizer"
    ? "${aws_apigatewayv2_api.realtime.execution_arn}/authorizers/${aws_apigatewayv2_authorizer.realtime.id}"
  : "${aws_apigatewayv2_api.realtime.execution_arn}/${local.realtime.stage}/*")
}

# ---------------------------------------------------------------------------------------------
# Authorizer, routes, stage
# ---------------------------------------------------------------------------------------------

# WebSocket APIs have no JWT authorizer, and browsers cannot set headers on a WebSocket: the ID
# token comes in the query string and a REQUEST authorizer checks it on $connect only (later
# routes inherit its context: the verified email).
resource "aws_apigatewayv2_authorizer" "realtime" {
  api_id           = aws_apigatewayv2_api.realtime.id
  name             = "cognito-id-token"
  authorizer_type  = "REQUEST"
  authorizer_uri   = aws_lambda_function.realtime["authorizer"].invoke_arn
  identity_sources = ["route.request.querystring.${local.realtime.tokenQueryParameter}"]
}

resource "aws_apigatewayv2_integration" "realtime" {
  api_id             = aws_apigatewayv2_api.realtime.id
  integration_type   = "AWS_PROXY"
  integration_method = "POST"
  integration_uri    = aws_lambda_function.realtime["websocket"].invoke_arn
}

resource "aws_apigatewayv2_route" "realtime" {
  for_each = toset(local.realtime.routes)

  api_id             = aws_apigatewayv2_api.realtime.id
  route_key          = each.value
  target             = "integrations/${aws_apigatewayv2_integration.realtime.id}"
  authorization_type = each.value == "$connect" ? "CUSTOM" : "NONE"
  authorizer_id      = each.value == "$connect" ? aws_apigatewayv2_authorizer.realtime.id : null
}

resource "aws_cloudwatch_log_group" "realtime_access" {
  name              = "/aws/apigateway/${var.name_prefix}-realtime-access"
  retention_in_days = var.log_retention_days
}

resource "aws_apigatewayv2_stage" "realtime" {
  api_id      = aws_apigatewayv2_api.realtime.id
  name        = local.realtime.stage
  auto_deploy = true

  # Execution logs and data tracing would log the $connect request, token included: off.
  default_route_settings {
    throttling_burst_limit   = local.realtime.throttling.burstLimit
    throttling_rate_limit    = local.realtime.throttling.rateLimit
    data_trace_enabled       = false
    logging_level            = "OFF"
    detailed_metrics_enabled = false
  }

  # No query string (the token) and no message bodies in the access log.
  access_log_settings {
    destination_arn = aws_cloudwatch_log_group.realtime_access.arn
    format = jsonencode({
      requestId       = "$context.requestId"
      requestTime     = "$context.requestTime"
      ip              = "$context.identity.sourceIp"
      routeKey        = "$context.routeKey"
      eventType       = "$context.eventType"
      connectionId    = "$context.connectionId"
      status          = "$context.status"
      integrationErr  = "$context.integrationErrorMessage"
      authorizerError = "$context.authorizer.error"
    })
  }
}

# ---------------------------------------------------------------------------------------------
# The sync Lambda pokes: post to connections (its table rights, Query and DeleteItem on the
# connections table included, come from sync_lambda.tf: tables.json's "actions").
# ---------------------------------------------------------------------------------------------

resource "aws_iam_role_policy" "sync_lambda_realtime" {
  name = "sync-realtime"
  role = aws_iam_role.sync_lambda.id

  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid      = "PokeConnections"
        Effect   = "Allow"
        Action   = ["execute-api:ManageConnections"]
        Resource = "${aws_apigatewayv2_api.realtime.execution_arn}/${local.realtime.stage}/POST/@connections/*"
      },
    ]
  })
}

output "realtime_url" {
  description = "WebSocket URL of the live-delivery API (config.json realtimeURL), string."
  value       = tostring(local.realtime_url)
}
