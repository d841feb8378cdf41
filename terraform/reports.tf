# Operators read abuse reports with a role of their own: read-only, on the reports table only.
# The sync Lambda may only PutItem there (tables.json actions); nobody else gets anything.
# Usage: docs/deploy.md ("Reports").

resource "aws_iam_role" "reports_reader" {
  count = length(var.reports_reader_principal_arns) > 0 ? 1 : 0
  name  = "${var.name_prefix}-reports-reader"

  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = var.reports_reader_principal_arns }
      Action    = "sts:AssumeRole"
    }]
  })
}

resource "aws_iam_role_policy" "reports_reader" {
  count = length(aws_iam_role.reports_reader)
  name  = "read-reports"
  role  = aws_iam_role.reports_reader[0].id

  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid      = "ReadReports"
      Effect   = "Allow"
      Action   = ["dynamodb:Scan", "dynamodb:Query", "dynamodb:GetItem", "dynamodb:DescribeTable"]
      Resource = [aws_dynamodb_table.this["reports"].arn]
    }]
  })
}
