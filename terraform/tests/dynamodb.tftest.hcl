# Tables are created from sync-api/tables.json and protected: PITR, encryption, on-demand.
# The expected shapes are read from the JSON file here, independently of the module's locals.

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
}

run "tables_equal_tables_json" {
  command = apply

  assert {
    condition = jsonencode(sort(keys(aws_dynamodb_table.this))) == jsonencode(sort(
      [for key in keys(jsondecode(file("${path.module}/../sync-api/tables.json"))) : key if key != "$comment"]
    ))
    error_message = "The set of tables differs from sync-api/tables.json."
  }

  assert {
    condition = alltrue([
      for key, spec in jsondecode(file("${path.module}/../sync-api/tables.json")) :
      aws_dynamodb_table.this[key].name == "chatscape-${key}" if key != "$comment"
    ])
    error_message = "Table names must be \"<name_prefix>-<key>\"."
  }

  assert {
    condition = alltrue([
      for key, spec in jsondecode(file("${path.module}/../sync-api/tables.json")) :
      aws_dynamodb_table.this[key].hash_key == spec.hashKey &&
      coalesce(aws_dynamodb_table.this[key].range_key, "-") == try(spec.rangeKey, "-")
      if key != "$comment"
    ])
    error_message = "A table's hash or range key differs from sync-api/tables.json."
  }

  assert {
    condition = alltrue([
      for key, spec in jsondecode(file("${path.module}/../sync-api/tables.json")) :
      jsonencode({ for a in aws_dynamodb_table.this[key].attribute : a.name => a.type }) == jsonencode(spec.attributes)
      if key != "$comment"
    ])
    error_message = "A table's attribute definitions differ from sync-api/tables.json."
  }

  assert {
    condition = alltrue([
      for key, spec in jsondecode(file("${path.module}/../sync-api/tables.json")) :
      jsonencode({ for g in aws_dynamodb_table.this[key].global_secondary_index : g.name => [g.hash_key, coalesce(g.range_key, "-"), g.projection_type] }) ==
      jsonencode({ for g in try(spec.globalSecondaryIndexes, []) : g.name => [g.hashKey, try(g.rangeKey, "-"), g.projection] })
      if key != "$comment"
    ])
    error_message = "A table's global secondary indexes differ from sync-api/tables.json."
  }

  assert {
    condition = alltrue([
      for key, spec in jsondecode(file("${path.module}/../sync-api/tables.json")) :
      try(spec.ttlAttribute, null) == null
      ? length(aws_dynamodb_table.this[key].ttl) == 0
      : aws_dynamodb_table.this[key].ttl[0].enabled && aws_dynamodb_table.this[key].ttl[0].attribute_name == spec.ttlAttribute
      if key != "$comment"
    ])
    error_message = "TTL must be enabled exactly on the tables with a ttlAttribute, on that attribute."
  }
}

run "reports_expire_by_ttl" {
  command = apply

  assert {
    condition     = aws_dynamodb_table.this["reports"].ttl[0].enabled && aws_dynamodb_table.this["reports"].ttl[0].attribute_name == "expiresAt"
    error_message = "Reports must expire (TTL on expiresAt), after REPORTS_RETENTION_DAYS."
  }
}

run "tables_are_protected_and_on_demand" {
  command = apply

  assert {
    condition     = alltrue([for t in aws_dynamodb_table.this : t.point_in_time_recovery[0].enabled])
    error_message = "Point-in-time recovery must be enabled on every table."
  }

  assert {
    condition     = alltrue([for t in aws_dynamodb_table.this : t.server_side_encryption[0].enabled])
    error_message = "Server-side encryption (KMS) must be enabled on every table."
  }

  assert {
    condition     = alltrue([for t in aws_dynamodb_table.this : t.billing_mode == "PAY_PER_REQUEST"])
    error_message = "Every table must be on-demand (PAY_PER_REQUEST)."
  }

  assert {
    condition     = alltrue([for t in aws_dynamodb_table.this : t.deletion_protection_enabled])
    error_message = "Deletion protection must be on by default."
  }
}

run "deletion_protection_can_be_disabled_for_teardown" {
  command = plan

  variables {
    dynamodb_deletion_protection = false
  }

  assert {
    condition     = alltrue([for t in aws_dynamodb_table.this : !t.deletion_protection_enabled])
    error_message = "dynamodb_deletion_protection = false must reach every table."
  }
}
