# Roles GitHub Actions assumes through OIDC (.github/workflows/deploy.yml). Pull requests plan
# with a read-only role that trusts only the pull_request subject; only a push to main can
# assume the deploy role (subject repo:<repo>:ref:refs/heads/main). Plans never fall back to
# the deploy role, so code in a pull request can never run with write access.

locals {
  ci_enabled         = var.github_repository != ""
  github_oidc_issuer = "token.actions.githubusercontent.com"
  ci_plan_subject    = "repo:${var.github_repository}:pull_request"
  ci_deploy_subject  = "repo:${var.github_repository}:ref:refs/heads/main"

  # Web-identity trust in GitHub's OIDC provider for exactly one subject per role.
  ci_trust_policies = {
    for role, subject in { plan = local.ci_plan_subject, deploy = local.ci_deploy_subject } :
    role => jsonencode({
      Version = "2012-10-17"
      Statement = [{
        Effect    = "Allow"
        Principal = { Federated = var.github_oidc_provider_arn }
        Action    = "sts:AssumeRoleWithWebIdentity"
        Condition = {
          StringEquals = {
            "${local.github_oidc_issuer}:aud" = "sts.amazonaws.com"
            "${local.github_oidc_issuer}:sub" = subject
          }
        }
      }]
    })
  }
}

resource "aws_iam_role" "ci_plan" {
  count = local.ci_enabled ? 1 : 0
  name  = "${var.name_prefix}-ci-plan"

  assume_role_policy = local.ci_trust_policies.plan

  lifecycle {
    precondition {
      condition     = var.github_oidc_provider_arn != ""
      error_message = "github_repository is set, so github_oidc_provider_arn is required."
    }
  }
}

resource "aws_iam_role_policy_attachment" "ci_plan_read_only" {
  count      = local.ci_enabled ? 1 : 0
  role       = aws_iam_role.ci_plan[0].name
  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"
}

# ReadOnlyAccess reads data too; a plan needs only configuration. No messages, contacts,
# reports or user records for code from a pull request.
resource "aws_iam_role_policy" "ci_plan_no_data" {
  count = local.ci_enabled ? 1 : 0
  name  = "no-user-data"
  role  = aws_iam_role.ci_plan[0].id

  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid    = "NoUserData"
      Effect = "Deny"
      Action = [
        "dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Query", "dynamodb:Scan",
        "dynamodb:GetRecords", "dynamodb:ExportTableToPointInTime",
        "cognito-idp:ListUsers", "cognito-idp:AdminGetUser", "cognito-idp:ListUsersInGroup",
        "logs:GetLogEvents", "logs:FilterLogEvents", "logs:StartQuery",
      ]
      Resource = "*"
    }]
  })
}

resource "aws_iam_role" "ci_deploy" {
  count = local.ci_enabled ? 1 : 0
  name  = "${var.name_prefix}-ci-deploy"

  assume_role_policy = local.ci_trust_policies.deploy
}

resource "aws_iam_role_policy_attachment" "ci_deploy" {
  for_each   = local.ci_enabled ? toset(var.ci_deploy_policy_arns) : toset([])
  role       = aws_iam_role.ci_deploy[0].name
  policy_arn = each.value
}
