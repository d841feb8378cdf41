# Terraform outputs have no `type` argument (house style asks for one); the conversion
# functions pin each output's type instead, and the description names it.

output "app_url" {
  description = "URL of the app (custom domain, or the CloudFront domain)."
  value       = tostring(local.app_url)
}

output "api_url" {
  description = "Base URL the app calls the sync API at (the app URL: /sync is served through CloudFront); no trailing slash."
  value       = tostring(local.api_url)
}

output "api_endpoint" {
  description = "The API's own endpoint (execute-api, disabled when api_domain is set); CloudFront's /sync origin."
  value       = tostring(aws_apigatewayv2_api.this.api_endpoint)
}

output "api_domain_target" {
  description = "With api_domain: the regional hostname to point api_domain's DNS alias at; empty otherwise."
  value       = tostring(local.api_custom_domain ? aws_apigatewayv2_domain_name.api[0].domain_name_configuration[0].target_domain_name : "")
}

output "reports_reader_role_arn" {
  description = "Role operators assume to list abuse reports (read-only, reports table only); empty without reports_reader_principal_arns."
  value       = tostring(length(aws_iam_role.reports_reader) > 0 ? aws_iam_role.reports_reader[0].arn : "")
}

output "user_pool_id" {
  description = "Cognito user pool id."
  value       = tostring(aws_cognito_user_pool.this.id)
}

output "client_id" {
  description = "Cognito app client id (public client, code flow + PKCE)."
  value       = tostring(aws_cognito_user_pool_client.this.id)
}

output "authority" {
  description = "OIDC issuer of the user pool; the API's JWT authorizer trusts tokens from it."
  value       = tostring(local.authority)
}

output "hosted_ui_url" {
  description = "Base URL of the Cognito hosted UI."
  value       = tostring(local.hosted_ui_url)
}

output "web_bucket_name" {
  description = "Name of the S3 bucket holding the web app."
  value       = tostring(aws_s3_bucket.web.id)
}

output "cloudfront_distribution_id" {
  description = "CloudFront distribution id, for cache invalidations after a deploy."
  value       = tostring(aws_cloudfront_distribution.this.id)
}

output "cloudfront_domain_name" {
  description = "Domain of the CloudFront distribution; point app_domain's DNS record at it."
  value       = tostring(aws_cloudfront_distribution.this.domain_name)
}

output "sync_function_name" {
  description = "Name of the sync Lambda function."
  value       = tostring(aws_lambda_function.sync.function_name)
}

output "table_names" {
  description = "DynamoDB table names by key in sync-api/tables.json."
  value       = tomap({ for key, table in aws_dynamodb_table.this : key => table.name })
}

output "ci_plan_role_arn" {
  description = "Read-only role for pull-request plans (repository variable AWS_PLAN_ROLE_ARN); empty without github_repository."
  value       = tostring(local.ci_enabled ? aws_iam_role.ci_plan[0].arn : "")
}

output "ci_deploy_role_arn" {
  description = "Deploy role, assumable only from main (repository variable AWS_ROLE_ARN); empty without github_repository."
  value       = tostring(local.ci_enabled ? aws_iam_role.ci_deploy[0].arn : "")
}
