# Web Push: the notifier follows the contract's push (the settings the local stack runs with),
# is invoked only asynchronously by the sync Lambda with retries and an on-failure destination,
# has least privilege, and the VAPID private key never enters plan, state or environment.

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
  vapid_public_key      = "BEl62iUYgUivxIkv69yViEuiBIa-Ib9-SkvMeAtA3LFgDzkrxZJjSgSnfckjBJuBkr3qBUYIHBQFLXYp5Nksh8U"
  contract              = jsondecode(file("../sync-api/deployment.json"))
  tables                = jsondecode(file("../sync-api/tables.json"))
}

# Distinct ARNs, so a statement pointing at the wrong function, table or queue is caught.
override_resource {
  target = aws_lambda_function.notifier
  values = {
    arn = "arn:aws:lambda:eu-west-1:123456789012:function:chatscape-notifier"
  }
}

override_resource {
  target = aws_sqs_queue.notifier_failures
  values = {
    arn = "arn:aws:sqs:eu-west-1:123456789012:chatscape-notifier-failures"
  }
}

override_resource {
  target = aws_ssm_parameter.vapid_private_key
  values = {
    arn = "arn:aws:ssm:eu-west-1:123456789012:parameter/chatscape/push/vapid-private-key"
  }
}

override_resource {
  target = aws_dynamodb_table.this["subscriptions"]
  values = {
    arn  = "arn:aws:dynamodb:eu-west-1:123456789012:table/chatscape-subscriptions"
    name = "chatscape-subscriptions"
  }
}

run "the_notifier_follows_the_contract" {
  command = apply

  assert {
    condition = (
      aws_lambda_function.notifier.handler == var.contract.push.handler &&
      aws_lambda_function.notifier.memory_size == var.contract.push.memoryMb &&
      aws_lambda_function.notifier.timeout == var.contract.push.timeoutSeconds &&
      aws_lambda_function.notifier.filename == aws_lambda_function.sync.filename
    )
    error_message = "The notifier must run the sync zip's index.notifier with the contract's push memory and timeout."
  }

  assert {
    condition = (
      aws_lambda_function_event_invoke_config.notifier.maximum_retry_attempts == var.contract.push.maximumRetryAttempts &&
      aws_lambda_function_event_invoke_config.notifier.maximum_event_age_in_seconds == var.contract.push.maximumEventAgeSeconds &&
      aws_lambda_function_event_invoke_config.notifier.destination_config[0].on_failure[0].destination == aws_sqs_queue.notifier_failures.arn
    )
    error_message = "Asynchronous invokes need the contract's retries and event age and the failure queue as on-failure destination."
  }

  assert {
    condition     = aws_sqs_queue.notifier_failures.sqs_managed_sse_enabled == true
    error_message = "The failure queue must be encrypted at rest."
  }

  assert {
    condition = (
      aws_lambda_function.sync.environment[0].variables.NOTIFIER_FUNCTION == aws_lambda_function.notifier.function_name &&
      aws_lambda_function.sync.environment[0].variables.SUBSCRIPTIONS_TABLE == aws_dynamodb_table.this["subscriptions"].name
    )
    error_message = "The sync Lambda must know the notifier and the subscriptions table (push/entry.ts pushConfigFromEnv)."
  }

  assert {
    condition = (
      aws_dynamodb_table.this["subscriptions"].hash_key == var.tables.subscriptions.hashKey &&
      aws_dynamodb_table.this["subscriptions"].range_key == var.tables.subscriptions.rangeKey &&
      aws_dynamodb_table.this["subscriptions"].ttl[0].attribute_name == var.tables.subscriptions.ttlAttribute
    )
    error_message = "The subscriptions table must be the one tables.json describes (keys, TTL for tombstones)."
  }
}

run "the_private_key_stays_out_of_terraform" {
  command = apply

  assert {
    condition = (
      aws_ssm_parameter.vapid_private_key.type == "SecureString" &&
      aws_ssm_parameter.vapid_private_key.name == replace(var.contract.push.vapidParameterName, "{prefix}", "chatscape") &&
      aws_ssm_parameter.vapid_private_key.value_wo_version == 1
    )
    error_message = "The VAPID private key is a SecureString at the contract's path, set only through the write-only value (value_wo: never in plan or state), not `value`."
  }

  assert {
    condition = (
      aws_lambda_function.notifier.environment[0].variables.VAPID_PRIVATE_KEY_PARAMETER == aws_ssm_parameter.vapid_private_key.name &&
      aws_lambda_function.notifier.environment[0].variables.VAPID_PUBLIC_KEY == var.vapid_public_key &&
      !contains(keys(aws_lambda_function.notifier.environment[0].variables), "VAPID_PRIVATE_KEY")
    )
    error_message = "The notifier gets the parameter's name and the public key, never the private key itself."
  }

  assert {
    condition     = jsondecode(aws_s3_object.config.content).vapidPublicKey == var.vapid_public_key
    error_message = "config.json must carry the VAPID public key (the contract's appConfig field vapidPublicKey)."
  }
}

run "least_privilege" {
  command = apply

  # The sync Lambda may only invoke the notifier.
  assert {
    condition = jsondecode(aws_iam_role_policy.sync_lambda_push.policy).Statement == [{
      Sid      = "InvokeNotifier"
      Effect   = "Allow"
      Action   = ["lambda:InvokeFunction"]
      Resource = aws_lambda_function.notifier.arn
    }]
    error_message = "The sync Lambda's push statement must allow lambda:InvokeFunction on the notifier only."
  }

  assert {
    condition = {
      for s in jsondecode(aws_iam_role_policy.notifier.policy).Statement : s.Sid => [s.Action, s.Resource]
      } == {
      OwnLogGroup        = [["logs:CreateLogStream", "logs:PutLogEvents"], "${aws_cloudwatch_log_group.notifier.arn}:*"]
      ContactRules       = [["dynamodb:GetItem"], aws_dynamodb_table.this["contacts"].arn]
      Subscriptions      = [[for a in var.tables.subscriptions.notifierActions : "dynamodb:${a}"], aws_dynamodb_table.this["subscriptions"].arn]
      VapidKey           = [["ssm:GetParameter"], aws_ssm_parameter.vapid_private_key.arn]
      FailureDestination = [["sqs:SendMessage"], aws_sqs_queue.notifier_failures.arn]
    }
    error_message = "The notifier's role must hold exactly: its logs, GetItem on contacts, tables.json notifierActions on subscriptions, the key parameter, the failure queue."
  }

  # The sync Lambda's subscriptions statement is tables.json's "actions" (subscribe/unsubscribe).
  assert {
    condition = one([
      for s in jsondecode(aws_iam_role_policy.sync_lambda.policy).Statement : s.Action if s.Sid == "TableSubscriptions"
    ]) == [for a in var.tables.subscriptions.actions : "dynamodb:${a}"]
    error_message = "The sync Lambda may only UpdateItem on subscriptions (tables.json actions)."
  }
}

run "without_a_key_nothing_is_handed_off" {
  command = apply

  variables {
    vapid_public_key = ""
  }

  assert {
    condition = (
      !contains(keys(aws_lambda_function.sync.environment[0].variables), "NOTIFIER_FUNCTION") &&
      jsondecode(aws_s3_object.config.content).vapidPublicKey == ""
    )
    error_message = "Until vapid-keys.ts has run, the app offers no notifications and the sync Lambda invokes no notifier."
  }
}
