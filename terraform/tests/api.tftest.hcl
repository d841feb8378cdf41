# The HTTP API: the contract's routes behind the Cognito JWT authorizer, per-route throttling,
# no CORS (one origin), access-logged with retention. Expected values come from the contract
# (var.contract, read here independently of the module's locals), not from literals.

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

run "routes_follow_the_contract_and_require_the_jwt_authorizer" {
  command = apply

  assert {
    condition     = sort(keys(aws_apigatewayv2_route.this)) == sort(keys(var.contract.api.routes)) && contains(keys(aws_apigatewayv2_route.this), "POST ${var.contract.api.pathPrefix}")
    error_message = "The API must expose exactly the contract's routes, POST <pathPrefix> among them."
  }

  assert {
    condition = alltrue([
      for key, r in aws_apigatewayv2_route.this :
      r.route_key == key && r.authorization_type == "JWT" && r.authorizer_id == aws_apigatewayv2_authorizer.this.id
    ])
    error_message = "Every route must use the JWT authorizer."
  }

  assert {
    condition = (
      aws_apigatewayv2_authorizer.this.authorizer_type == "JWT" &&
      aws_apigatewayv2_authorizer.this.identity_sources == toset([var.contract.api.authorizer.identitySource]) &&
      aws_apigatewayv2_authorizer.this.jwt_configuration[0].issuer == "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbCdEf123" &&
      aws_apigatewayv2_authorizer.this.jwt_configuration[0].audience == toset(["4exampleclientid0000000000"])
    )
    error_message = "The authorizer must trust ID tokens of this user pool (issuer) for this app client (audience), read from Authorization."
  }

  assert {
    condition = (
      aws_apigatewayv2_integration.sync.integration_type == "AWS_PROXY" &&
      aws_apigatewayv2_integration.sync.payload_format_version == "2.0" &&
      aws_apigatewayv2_integration.sync.integration_uri == aws_lambda_function.sync.invoke_arn
    )
    error_message = "Routes must proxy to the sync Lambda with payload format 2.0."
  }

  assert {
    condition     = aws_lambda_permission.api.principal == "apigateway.amazonaws.com" && aws_lambda_permission.api.source_arn == "arn:aws:execute-api:eu-west-1:123456789012:a1b2c3d4e5/*/*${var.contract.api.pathPrefix}"
    error_message = "Only this API, on the contract's path, may invoke the function."
  }
}

run "one_origin_means_no_cors" {
  command = apply

  assert {
    condition     = length(aws_apigatewayv2_api.this.cors_configuration) == 0
    error_message = "The API is served on the app's origin through CloudFront: it must not answer CORS for any origin."
  }

  assert {
    condition     = !aws_apigatewayv2_api.this.disable_execute_api_endpoint
    error_message = "Without api_domain, CloudFront reaches the API at its execute-api hostname, which must stay enabled."
  }
}

run "api_domain_disables_the_execute_api_endpoint" {
  command = apply

  variables {
    api_domain          = "api.chat.example.com"
    api_certificate_arn = "arn:aws:acm:eu-west-1:123456789012:certificate/22222222-3333-4444-5555-666666666666"
  }

  assert {
    condition = (
      aws_apigatewayv2_api.this.disable_execute_api_endpoint &&
      aws_apigatewayv2_domain_name.api[0].domain_name == "api.chat.example.com" &&
      aws_apigatewayv2_api_mapping.api[0].api_id == aws_apigatewayv2_api.this.id &&
      anytrue([for o in aws_cloudfront_distribution.this.origin : o.origin_id == "api" && o.domain_name == "api.chat.example.com"])
    )
    error_message = "With api_domain, CloudFront's API origin is that domain and the execute-api endpoint is disabled."
  }
}

run "api_domain_without_certificate_is_rejected" {
  command = plan

  variables {
    api_domain = "api.chat.example.com"
  }

  expect_failures = [aws_apigatewayv2_domain_name.api]
}

run "routes_are_throttled_as_the_contract_says" {
  command = apply

  assert {
    condition = alltrue([
      for key, route in var.contract.api.routes : anytrue([
        for s in aws_apigatewayv2_stage.this.route_settings :
        s.route_key == key && s.throttling_burst_limit == route.throttlingBurstLimit && s.throttling_rate_limit == route.throttlingRateLimit
      ])
    ])
    error_message = "Every route must be throttled with the contract's burst and rate."
  }

  assert {
    condition = (
      aws_apigatewayv2_stage.this.default_route_settings[0].throttling_burst_limit == min([for r in values(var.contract.api.routes) : r.throttlingBurstLimit]...) &&
      aws_apigatewayv2_stage.this.default_route_settings[0].throttling_rate_limit == min([for r in values(var.contract.api.routes) : r.throttlingRateLimit]...)
    )
    error_message = "The stage default must be the strictest route limit."
  }
}

run "stage_is_throttled_and_access_logged" {
  command = apply

  variables {
    api_throttling_burst_limit = 20
    api_throttling_rate_limit  = 10
  }

  assert {
    condition     = aws_apigatewayv2_stage.this.name == "$default" && aws_apigatewayv2_stage.this.auto_deploy
    error_message = "A $default stage with auto-deploy is expected."
  }

  assert {
    condition = alltrue([
      for s in aws_apigatewayv2_stage.this.route_settings : s.throttling_burst_limit == 20 && s.throttling_rate_limit == 10
    ]) && length(aws_apigatewayv2_stage.this.route_settings) == length(var.contract.api.routes)
    error_message = "The throttling variables, when set, must override every route."
  }

  assert {
    condition = (
      aws_apigatewayv2_stage.this.access_log_settings[0].destination_arn == aws_cloudwatch_log_group.api_access.arn &&
      can(jsondecode(aws_apigatewayv2_stage.this.access_log_settings[0].format).requestId)
    )
    error_message = "Access logs must go, as JSON, to the API's log group."
  }

  assert {
    condition = alltrue([
      for g in [aws_cloudwatch_log_group.api_access, aws_cloudwatch_log_group.sync_lambda] :
      coalesce(g.retention_in_days, 0) > 0
    ])
    error_message = "Every log group needs a retention period."
  }
}

run "log_retention_follows_the_variable" {
  command = plan

  variables {
    log_retention_days = 7
  }

  assert {
    condition     = aws_cloudwatch_log_group.api_access.retention_in_days == 7 && aws_cloudwatch_log_group.sync_lambda.retention_in_days == 7
    error_message = "log_retention_days must reach every log group."
  }
}

run "never_expiring_logs_are_rejected" {
  command = plan

  variables {
    log_retention_days = 0
  }

  expect_failures = [var.log_retention_days]
}
