locals {
  # The one definition of the tables, shared with the local stack (sync-api/local), so keys and
  # indexes cannot drift between dynalite and AWS.
  tables = { for key, table in jsondecode(file("${path.module}/../sync-api/tables.json")) : key => table if key != "$comment" }

  # Relative paths are relative to this module, whatever directory Terraform runs from.
  lambda_zip_path = startswith(var.lambda_zip_path, "/") ? var.lambda_zip_path : "${path.module}/${var.lambda_zip_path}"
  web_dist_dir    = startswith(var.web_dist_dir, "/") ? var.web_dist_dir : "${path.module}/${var.web_dist_dir}"

  lambda_name = "${var.name_prefix}-sync"

  # ---------------------------------------------------------------------------------------------
  # URLs, and why the dependency graph has no cycle
  #
  # The app URL is needed by the API's CORS, the Lambda's ALLOWED_ORIGIN and the Cognito
  # callback URLs. Without a custom domain it is the distribution's generated domain, so those
  # three depend on CloudFront. CloudFront, in turn, must not depend on any of them:
  #
  #   distribution -> response headers policy (CSP) -> ??? -> API (CORS) -> distribution
  #
  # Putting the API's own hostname (https://<api id>.execute-api...) in the CSP would close that
  # loop: the API id exists only after the API is created, and the API needs the distribution's
  # domain for CORS. Both hostnames are random, so one side has to be written without the other:
  #
  #   * CSP connect-src names the regional execute-api wildcard, which is computable from
  #     var.region alone, and the Cognito hosts, computable from var.region and
  #     var.cognito_domain_prefix. The response headers policy therefore references no resource.
  #   * CORS, ALLOWED_ORIGIN and the callback URLs use the exact app origin.
  #
  # The wildcard only widens where already-running same-origin script may send requests
  # (script-src is 'self' with no 'unsafe-inline'); the origin the API accepts stays exact.
  # config.json carries the exact API URL, so the app only ever talks to this API.
  # ---------------------------------------------------------------------------------------------
  custom_domain = var.app_domain != ""
  app_url       = local.custom_domain ? "https://${var.app_domain}" : "https://${aws_cloudfront_distribution.this.domain_name}"

  api_url              = trimsuffix(aws_apigatewayv2_api.this.api_endpoint, "/")
  api_origin_wildcard  = "https://*.execute-api.${var.region}.amazonaws.com"
  cognito_idp_url      = "https://cognito-idp.${var.region}.amazonaws.com"
  authority            = "${local.cognito_idp_url}/${aws_cognito_user_pool.this.id}"
  hosted_ui_url        = "https://${var.cognito_domain_prefix}.auth.${var.region}.amazoncognito.com"
  callback_logout_urls = [local.app_url, "${local.app_url}/"]
}
