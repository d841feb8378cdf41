locals {
  # The one definition of the tables, shared with the local stack (sync-api/local), so keys and
  # indexes cannot drift between dynalite and AWS. The contract names the file.
  tables = { for key, table in jsondecode(file("${path.module}/../sync-api/${local.contract.tables}")) : key => table if key != "$comment" }

  # Relative paths are relative to this module, whatever directory Terraform runs from.
  lambda_zip_path = startswith(var.lambda_zip_path, "/") ? var.lambda_zip_path : "${path.module}/${var.lambda_zip_path}"
  web_dist_dir    = startswith(var.web_dist_dir, "/") ? var.web_dist_dir : "${path.module}/${var.web_dist_dir}"

  lambda_name = "${var.name_prefix}-sync"

  # ---------------------------------------------------------------------------------------------
  # URLs: one origin, and why the dependency graph has no cycle
  #
  # The app and the API share the app URL: CloudFront serves /sync from the API (a second
  # origin), so the browser never makes a cross-origin call (no CORS, no preflights, CSP
  # connect-src 'self'). The distribution therefore depends on the API's hostname, and the API
  # must not depend on the distribution: it has no CORS configuration (nothing needs one).
  # The Lambda's ALLOWED_ORIGIN and the Cognito callback URLs use the app URL; neither is
  # referenced by the distribution. The response headers policy (CSP) names only hosts
  # computable from variables (Cognito), never a resource.
  # ---------------------------------------------------------------------------------------------
  custom_domain = var.app_domain != ""
  app_url       = local.custom_domain ? "https://${var.app_domain}" : "https://${aws_cloudfront_distribution.this.domain_name}"

  # What the app calls: <app_url><api.pathPrefix>, through CloudFront.
  api_url = local.app_url
  # Where CloudFront sends /sync: the API's custom domain, or its execute-api hostname.
  api_custom_domain = var.api_domain != ""
  api_origin_domain = local.api_custom_domain ? var.api_domain : trimprefix(aws_apigatewayv2_api.this.api_endpoint, "https://")

  cognito_idp_url = "https://cognito-idp.${var.region}.amazonaws.com"
  authority       = "${local.cognito_idp_url}/${aws_cognito_user_pool.this.id}"
  hosted_ui_url   = "https://${var.cognito_domain_prefix}.auth.${var.region}.amazoncognito.com"
}
