# Terraform outputs have no `type` argument (house style asks for one); the conversion
# functions pin each output's type instead, and the description names it.

output "app_url" {
  description = "URL of the app (custom domain, or the CloudFront domain)."
  value       = tostring(local.app_url)
}

output "api_url" {
  description = "Base URL of the sync API (no trailing slash); the app calls <api_url>/sync."
  value       = tostring(local.api_url)
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
