terraform {
  required_version = ">= 1.6"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.100"
    }
  }

  # Remote state in S3, configured at init time so no account details live in the repo:
  #   terraform init -backend-config="bucket=..." -backend-config="key=..." \
  #     -backend-config="region=..." -backend-config="use_lockfile=true"
  # Tests and CI checks run `terraform init -backend=false`, which skips this block.
  backend "s3" {}
}
