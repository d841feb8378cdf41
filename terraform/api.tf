# HTTP API behind the app's CloudFront distribution (served at /sync on the app's origin). Every
# route requires a Cognito ID token (JWT authorizer); routes, their authorization and their
# throttling come from the contract (sync-api/deployment.json api.routes).

resource "aws_apigatewayv2_api" "this" {
  name          = "${var.name_prefix}-api"
  protocol_type = "HTTP"
  description   = "ChatScape sync API"

  # With a custom API domain, CloudFront reaches the API only through it and the execute-api
  # hostname answers nothing. Without one, CloudFront needs the execute-api hostname.
  disable_execute_api_endpoint = local.api_custom_domain

  # No cors_configuration: the app calls the API on its own origin, through CloudFront.
}

resource "aws_apigatewayv2_authorizer" "this" {
  api_id           = aws_apigatewayv2_api.this.id
  name             = "cognito"
  authorizer_type  = local.api.authorizer.type
  identity_sources = [local.api.authorizer.identitySource]

  jwt_configuration {
    issuer   = local.authority
    audience = [aws_cognito_user_pool_client.this.id] # ID tokens carry the client id as `aud`
  }
}

resource "aws_apigatewayv2_integration" "sync" {
  api_id                 = aws_apigatewayv2_api.this.id
  integration_type       = "AWS_PROXY"
  integration_method     = "POST"
  integration_uri        = aws_lambda_function.sync.invoke_arn
  payload_format_version = "2.0"
}

resource "aws_apigatewayv2_route" "this" {
  for_each = local.api_routes

  api_id             = aws_apigatewayv2_api.this.id
  route_key          = each.key
  target             = "integrations/${aws_apigatewayv2_integration.sync.id}"
  authorization_type = each.value.authorization
  authorizer_id      = each.value.authorization == "JWT" ? aws_apigatewayv2_authorizer.this.id : null
}

resource "aws_cloudwatch_log_group" "api_access" {
  name              = "/aws/apigateway/${var.name_prefix}-api-access"
  retention_in_days = var.log_retention_days
}

resource "aws_apigatewayv2_stage" "this" {
  api_id      = aws_apigatewayv2_api.this.id
  name        = "$default"
  auto_deploy = true

  # Routes not listed below (there are none) get the strictest of the configured limits.
  default_route_settings {
    throttling_burst_limit = min([for r in local.api_routes : r.burst]...)
    throttling_rate_limit  = min([for r in local.api_routes : r.rate]...)
  }

  dynamic "route_settings" {
    for_each = local.api_routes
    content {
      route_key              = route_settings.key
      throttling_burst_limit = route_settings.value.burst
      throttling_rate_limit  = route_settings.value.rate
    }
  }

  access_log_settings {
    destination_arn = aws_cloudwatch_log_group.api_access.arn
    format = jsonencode({
      requestId          = "$context.requestId"
      requestTime        = "$context.requestTime"
      ip                 = "$context.identity.sourceIp"
      userAgent          = "$context.identity.userAgent"
      routeKey           = "$context.routeKey"
      status             = "$context.status"
      protocol           = "$context.protocol"
      responseLength     = "$context.responseLength"
      responseLatency    = "$context.responseLatency"
      integrationLatency = "$context.integrationLatency"
      integrationError   = "$context.integrationErrorMessage"
      authorizerError    = "$context.authorizer.error"
    })
  }
}

resource "aws_lambda_permission" "api" {
  statement_id  = "AllowApiGatewayInvoke"
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.sync.function_name
  principal     = "apigateway.amazonaws.com"
  # Any stage, only the path the contract routes to the function.
  source_arn = "${aws_apigatewayv2_api.this.execution_arn}/*/*${local.api.pathPrefix}"
}

# ---------------------------------------------------------------------------------------------
# Optional custom domain for the API: lets the execute-api endpoint be disabled.
# ---------------------------------------------------------------------------------------------

resource "aws_apigatewayv2_domain_name" "api" {
  count       = local.api_custom_domain ? 1 : 0
  domain_name = var.api_domain

  domain_name_configuration {
    certificate_arn = var.api_certificate_arn
    endpoint_type   = "REGIONAL"
    security_policy = "TLS_1_2"
  }

  lifecycle {
    precondition {
      condition     = var.api_certificate_arn != ""
      error_message = "api_domain is set, so api_certificate_arn (a certificate for it in var.region) is required."
    }
  }
}

resource "aws_apigatewayv2_api_mapping" "api" {
  count       = local.api_custom_domain ? 1 : 0
  api_id      = aws_apigatewayv2_api.this.id
  domain_name = aws_apigatewayv2_domain_name.api[0].id
  stage       = aws_apigatewayv2_stage.this.id
}
