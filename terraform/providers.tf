provider "aws" {
  region = var.region

  default_tags {
    tags = local.default_tags
  }
}

# CloudFront-scoped resources (the WAF web ACL) must be created in us-east-1.
provider "aws" {
  alias  = "us_east_1"
  region = "us-east-1"

  default_tags {
    tags = local.default_tags
  }
}

locals {
  default_tags = merge(
    {
      Project   = "chatscape"
      ManagedBy = "terraform"
    },
    var.tags,
  )
}
