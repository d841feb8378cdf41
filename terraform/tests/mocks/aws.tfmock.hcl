# Realistic-looking values for computed attributes the configuration builds URLs, ARNs and
# policies from, so assertions compare against something meaningful (unmocked computed strings
# are random). Shared by every test file through `mock_provider "aws" { source = ... }`.

mock_resource "aws_cloudfront_distribution" {
  defaults = {
    id          = "E2EXAMPLE0CHAT"
    arn         = "arn:aws:cloudfront::123456789012:distribution/E2EXAMPLE0CHAT"
    domain_name = "d111111abcdef8.cloudfront.net"
  }
}

mock_resource "aws_apigatewayv2_api" {
  defaults = {
    id            = "a1b2c3d4e5"
    api_endpoint  = "https://a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com"
    execution_arn = "arn:aws:execute-api:eu-west-1:123456789012:a1b2c3d4e5"
  }
}

mock_resource "aws_apigatewayv2_authorizer" {
  defaults = {
    id = "auth01"
  }
}

mock_resource "aws_apigatewayv2_integration" {
  defaults = {
    id = "integ01"
  }
}

mock_resource "aws_cognito_user_pool" {
  defaults = {
    id  = "eu-west-1_AbCdEf123"
    arn = "arn:aws:cognito-idp:eu-west-1:123456789012:userpool/eu-west-1_AbCdEf123"
  }
}

mock_resource "aws_cognito_user_pool_client" {
  defaults = {
    id = "4exampleclientid0000000000"
  }
}

mock_resource "aws_lambda_function" {
  defaults = {
    arn        = "arn:aws:lambda:eu-west-1:123456789012:function:chatscape-sync"
    invoke_arn = "arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/arn:aws:lambda:eu-west-1:123456789012:function:chatscape-sync/invocations"
  }
}

mock_resource "aws_iam_role" {
  defaults = {
    arn = "arn:aws:iam::123456789012:role/chatscape-sync-lambda"
  }
}

mock_resource "aws_s3_bucket" {
  defaults = {
    id                          = "chatscape-web-20250101000000000000000001"
    arn                         = "arn:aws:s3:::chatscape-web-20250101000000000000000001"
    bucket_regional_domain_name = "chatscape-web-20250101000000000000000001.s3.eu-west-1.amazonaws.com"
  }
}

mock_resource "aws_cloudfront_origin_access_control" {
  defaults = {
    id = "E3OACEXAMPLE"
  }
}

# Two log groups, two distinct ARNs, so a policy pointing at the wrong one is caught.
override_resource {
  target = aws_cloudwatch_log_group.sync_lambda
  values = {
    arn = "arn:aws:logs:eu-west-1:123456789012:log-group:/aws/lambda/chatscape-sync"
  }
}

override_resource {
  target = aws_cloudwatch_log_group.api_access
  values = {
    arn = "arn:aws:logs:eu-west-1:123456789012:log-group:/aws/apigateway/chatscape-api-access"
  }
}

# Live delivery (websocket.tf): the WebSocket stage's access log and the realtime functions'
# log groups need ARN-shaped values too.
override_resource {
  target = aws_cloudwatch_log_group.realtime_access
  values = {
    arn = "arn:aws:logs:eu-west-1:123456789012:log-group:/aws/apigateway/chatscape-realtime-access"
  }
}

override_resource {
  target = aws_cloudwatch_log_group.realtime
  values = {
    arn = "arn:aws:logs:eu-west-1:123456789012:log-group:/aws/lambda/chatscape-realtime"
  }
}

mock_resource "aws_cloudfront_function" {
  defaults = {
    arn = "arn:aws:cloudfront::123456789012:function/chatscape-spa-routes"
  }
}

mock_resource "aws_cloudfront_cache_policy" {
  defaults = {
    id = "c0ffee00-0000-4000-8000-000000000001"
  }
}

mock_resource "aws_wafv2_web_acl" {
  defaults = {
    arn = "arn:aws:wafv2:us-east-1:123456789012:global/webacl/chatscape-edge/a1b2c3d4-0000-4000-8000-000000000000"
  }
}

# Web Push (push.tf): the notifier's on-failure queue and the VAPID key parameter.
mock_resource "aws_sqs_queue" {
  defaults = {
    arn = "arn:aws:sqs:eu-west-1:123456789012:chatscape-notifier-failures"
  }
}

mock_resource "aws_ssm_parameter" {
  defaults = {
    arn = "arn:aws:ssm:eu-west-1:123456789012:parameter/chatscape/push/vapid-private-key"
  }
}
