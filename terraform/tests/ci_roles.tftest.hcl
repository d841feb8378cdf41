# CI roles: pull-request plans read only (and no user data), the deploy role only from main.

mock_provider "aws" {
  source = "./tests/mocks"
}

mock_provider "aws" {
  alias  = "us_east_1"
  source = "./tests/mocks"
}

variables {
  cognito_domain_prefix    = "chatscape-test"
  lambda_zip_path          = "tests/fixtures/sync.zip"
  web_dist_dir             = "tests/fixtures/web-dist"
  github_repository        = "example/chatscape"
  github_oidc_provider_arn = "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com"
}

run "plan_role_trusts_only_pull_requests_and_reads_only" {
  command = apply

  assert {
    condition = (
      jsondecode(aws_iam_role.ci_plan[0].assume_role_policy).Statement[0].Condition.StringEquals["token.actions.githubusercontent.com:sub"] == "repo:example/chatscape:pull_request" &&
      jsondecode(aws_iam_role.ci_plan[0].assume_role_policy).Statement[0].Condition.StringEquals["token.actions.githubusercontent.com:aud"] == "sts.amazonaws.com" &&
      !can(jsondecode(aws_iam_role.ci_plan[0].assume_role_policy).Statement[0].Condition.StringLike) &&
      length(jsondecode(aws_iam_role.ci_plan[0].assume_role_policy).Statement) == 1
    )
    error_message = "The plan role must trust exactly the repository's pull_request subject (no wildcards)."
  }

  assert {
    condition     = aws_iam_role_policy_attachment.ci_plan_read_only[0].policy_arn == "arn:aws:iam::aws:policy/ReadOnlyAccess"
    error_message = "The plan role must be read-only."
  }

  assert {
    condition = alltrue([
      for a in ["dynamodb:GetItem", "dynamodb:Query", "dynamodb:Scan", "cognito-idp:ListUsers"] :
      contains(jsondecode(aws_iam_role_policy.ci_plan_no_data[0].policy).Statement[0].Action, a)
    ]) && jsondecode(aws_iam_role_policy.ci_plan_no_data[0].policy).Statement[0].Effect == "Deny"
    error_message = "The plan role must be denied reading user data."
  }
}

run "deploy_role_trusts_only_main" {
  command = apply

  assert {
    condition = (
      jsondecode(aws_iam_role.ci_deploy[0].assume_role_policy).Statement[0].Condition.StringEquals["token.actions.githubusercontent.com:sub"] == "repo:example/chatscape:ref:refs/heads/main" &&
      !can(jsondecode(aws_iam_role.ci_deploy[0].assume_role_policy).Statement[0].Condition.StringLike) &&
      length(jsondecode(aws_iam_role.ci_deploy[0].assume_role_policy).Statement) == 1
    )
    error_message = "The deploy role must trust only pushes to main (subject with ref), never pull requests."
  }
}

run "no_ci_roles_without_a_repository" {
  command = apply

  variables {
    github_repository = ""
  }

  assert {
    condition     = length(aws_iam_role.ci_plan) == 0 && length(aws_iam_role.ci_deploy) == 0
    error_message = "Without github_repository there must be no CI roles."
  }
}

run "repository_without_oidc_provider_is_rejected" {
  command = plan

  variables {
    github_oidc_provider_arn = ""
  }

  expect_failures = [aws_iam_role.ci_plan]
}
