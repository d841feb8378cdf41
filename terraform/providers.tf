provider "aws" {
  region = var.region

  default_tags {
    tags = merge(
      {
        Project   = "chatscape"
        ManagedBy = "terraform"
      },
      var.tags,
    )
  }
}
