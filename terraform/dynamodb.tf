# One table per entry of sync-api/tables.json (see local.tables).
resource "aws_dynamodb_table" "this" {
  for_each = local.tables

  name                        = "${var.name_prefix}-${each.key}"
  billing_mode                = "PAY_PER_REQUEST"
  hash_key                    = each.value.hashKey
  range_key                   = try(each.value.rangeKey, null)
  deletion_protection_enabled = var.dynamodb_deletion_protection

  dynamic "attribute" {
    for_each = each.value.attributes
    content {
      name = attribute.key
      type = attribute.value
    }
  }

  dynamic "global_secondary_index" {
    for_each = try(each.value.globalSecondaryIndexes, [])
    content {
      name            = global_secondary_index.value.name
      hash_key        = global_secondary_index.value.hashKey
      range_key       = try(global_secondary_index.value.rangeKey, null)
      projection_type = global_secondary_index.value.projection
    }
  }

  dynamic "ttl" {
    for_each = try(each.value.ttlAttribute, null) == null ? [] : [each.value.ttlAttribute]
    content {
      attribute_name = ttl.value
      enabled        = true
    }
  }

  point_in_time_recovery {
    enabled = true
  }

  # AWS-managed KMS key (alias/aws/dynamodb) rather than the default AWS-owned key, so key use
  # shows up in CloudTrail.
  server_side_encryption {
    enabled = true
  }
}
