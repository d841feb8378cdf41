# Live delivery: the WebSocket API matches sync-api/the contract's realtime (the contract the local
# stand-in reads), only $connect is authorized, by the REQUEST authorizer reading the token from
# the query string, nothing logs the token, and every function has least privilege.

mock_provider "aws" {
  source = "./tests/mocks"
}

# The WAF web ACL lives in us-east-1 (CloudFront's region): its aliased provider is mocked too.
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

# A distinct id for the WebSocket API, so a URL or ARN built from the HTTP API is caught.
override_resource {
  target = aws_apigatewayv2_api.realtime
  values = {
    id            = "w5s4k3t2a1"
    api_endpoint  = "wss://w5s4k3t2a1.execute-api.eu-west-1.amazonaws.com"
    execution_arn = "arn:aws:execute-api:eu-west-1:123456789012:w5s4k3t2a1"
  }
}

override_resource {
  target = aws_apigatewayv2_authorizer.realtime
  values = {
    id = "wsauth1"
  }
}

run "the_api_matches_the_contract" {
  command = apply

  assert {
    condition = (
      aws_apigatewayv2_api.realtime.protocol_type == "WEBSOCKET" &&
      aws_apigatewayv2_api.realtime.route_selection_expression == var.contract.realtime.routeSelectionExpression
    )
    error_message = "A WEBSOCKET API routing on the contract's realtime's routeSelectionExpression is expected."
  }

  assert {
    condition     = toset(keys(aws_apigatewayv2_route.realtime)) == toset(var.contract.realtime.routes)
    error_message = "The routes differ from the contract's realtime."
  }

  assert {
    condition = alltrue([
      for r in aws_apigatewayv2_route.realtime :
      r.target == "integrations/${aws_apigatewayv2_integration.realtime.id}"
    ])
    error_message = "Every route must go to the websocket Lambda's integration."
  }

  assert {
    condition = (
      aws_apigatewayv2_integration.realtime.integration_type == "AWS_PROXY" &&
      aws_apigatewayv2_integration.realtime.integration_uri == aws_lambda_function.realtime["websocket"].invoke_arn &&
      aws_lambda_function.realtime["websocket"].handler == "index.websocket" &&
      aws_lambda_function.realtime["authorizer"].handler == "index.authorizer"
    )
    error_message = "The routes must proxy to index.websocket; the authorizer is index.authorizer (same zip)."
  }

  assert {
    condition     = aws_apigatewayv2_stage.realtime.name == var.contract.realtime.stage
    error_message = "The stage name must be the contract's realtime's stage (the client URL and the management endpoint use it)."
  }

  assert {
    condition     = output.realtime_url == "wss://w5s4k3t2a1.execute-api.eu-west-1.amazonaws.com/${var.contract.realtime.stage}"
    error_message = "realtime_url must be the WebSocket API's endpoint plus the stage."
  }

  assert {
    condition = (
      var.contract.realtime.connectionTtlSeconds >= var.contract.realtime.limits.maxConnectionSeconds &&
      aws_dynamodb_table.this["connections"].ttl[0].enabled &&
      aws_dynamodb_table.this["connections"].hash_key == "owner"
    )
    error_message = "Connection rows must expire (TTL) no sooner than API Gateway's 2-hour connection limit."
  }
}

run "only_connect_is_authorized_by_the_id_token_in_the_query" {
  command = apply

  assert {
    condition = alltrue([
      for key, r in aws_apigatewayv2_route.realtime :
      key == "$connect"
      ? r.authorization_type == "CUSTOM" && r.authorizer_id == aws_apigatewayv2_authorizer.realtime.id
      : r.authorization_type == "NONE"
    ])
    error_message = "$connect must use the REQUEST authorizer (WebSocket APIs authorize on connect only)."
  }

  assert {
    condition = (
      aws_apigatewayv2_authorizer.realtime.authorizer_type == "REQUEST" &&
      aws_apigatewayv2_authorizer.realtime.authorizer_uri == aws_lambda_function.realtime["authorizer"].invoke_arn &&
      aws_apigatewayv2_authorizer.realtime.identity_sources == toset(["route.request.querystring.${var.contract.realtime.tokenQueryParameter}"])
    )
    error_message = "The authorizer must be the authorizer Lambda, reading the contract's realtime's token query parameter."
  }

  assert {
    condition = (
      aws_lambda_function.realtime["authorizer"].environment[0].variables["ID_TOKEN_ISSUER"] == "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbCdEf123" &&
      aws_lambda_function.realtime["authorizer"].environment[0].variables["ID_TOKEN_AUDIENCE"] == "4exampleclientid0000000000"
    )
    error_message = "The authorizer must trust this user pool (issuer) for this app client (audience), like the HTTP API."
  }

  assert {
    condition = (
      aws_lambda_permission.realtime["authorizer"].source_arn == "arn:aws:execute-api:eu-west-1:123456789012:w5s4k3t2a1/authorizers/wsauth1" &&
      aws_lambda_permission.realtime["websocket"].source_arn == "arn:aws:execute-api:eu-west-1:123456789012:w5s4k3t2a1/${var.contract.realtime.stage}/*"
    )
    error_message = "Only this WebSocket API may invoke its functions."
  }
}

run "the_token_never_reaches_a_log" {
  command = apply

  assert {
    condition = (
      !strcontains(aws_apigatewayv2_stage.realtime.access_log_settings[0].format, "querystring") &&
      !strcontains(aws_apigatewayv2_stage.realtime.access_log_settings[0].format, "$request") &&
      !strcontains(aws_apigatewayv2_stage.realtime.access_log_settings[0].format, "$input")
    )
    error_message = "The access log format must not include the query string (the token) or bodies."
  }

  assert {
    condition = (
      !aws_apigatewayv2_stage.realtime.default_route_settings[0].data_trace_enabled &&
      aws_apigatewayv2_stage.realtime.default_route_settings[0].logging_level == "OFF"
    )
    error_message = "Execution logging and data tracing (which log the $connect request) must be off."
  }
}

run "pokes_reach_the_sync_lambda_with_least_privilege" {
  command = apply

  assert {
    condition = (
      aws_lambda_function.sync.environment[0].variables["REALTIME_ENDPOINT"] == "https://w5s4k3t2a1.execute-api.eu-west-1.amazonaws.com/${var.contract.realtime.stage}" &&
      aws_lambda_function.sync.environment[0].variables["CONNECTIONS_TABLE"] == "chatscape-connections" &&
      aws_lambda_function.realtime["websocket"].environment[0].variables["REALTIME_ENDPOINT"] == aws_lambda_function.sync.environment[0].variables["REALTIME_ENDPOINT"]
    )
    error_message = "The sync and websocket Lambdas must post to this API's management endpoint and know the connections table."
  }

  assert {
    condition = alltrue([
      for s in jsondecode(aws_iam_role_policy.sync_lambda_realtime.policy).Statement :
      s.Action == ["dynamodb:DeleteItem"] ? s.Resource == aws_dynamodb_table.this["connections"].arn :
      s.Action == ["execute-api:ManageConnections"] && s.Resource == "arn:aws:execute-api:eu-west-1:123456789012:w5s4k3t2a1/${var.contract.realtime.stage}/POST/@connections/*"
    ])
    error_message = "The sync Lambda may only delete connection rows and post to this API's connections."
  }

  assert {
    condition = length([
      for s in jsondecode(aws_iam_role_policy.realtime["authorizer"].policy).Statement : s
      if length([for a in flatten([s.Action]) : a if !startswith(a, "logs:")]) > 0
    ]) == 0
    error_message = "The authorizer may only write its logs."
  }

  assert {
    condition = alltrue(flatten([
      for key, p in aws_iam_role_policy.realtime : [
        for s in jsondecode(p.policy).Statement : [
          for a in flatten([s.Action]) : !strcontains(a, "*")
        ]
      ]
    ]))
    error_message = "No wildcard actions."
  }
}

run "the_app_finds_and_may_open_the_socket" {
  command = apply

  assert {
    condition     = jsondecode(aws_s3_object.config.content).realtimeURL == output.realtime_url
    error_message = "config.json must carry realtimeURL."
  }

  assert {
    condition     = strcontains(aws_cloudfront_response_headers_policy.security.security_headers_config[0].content_security_policy[0].content_security_policy, "wss://*.execute-api.eu-west-1.amazonaws.com")
    error_message = "The CSP's connect-src must allow the regional WebSocket API host."
  }
}
