# Stallkeeper on Huawei Cloud ECS + ELB + RDS for PostgreSQL (docs/deploy.md), for Terraform or Resource Formation
# Service (RFS): upload this folder as a template (zip) in the RFS console, or run terraform with the provider's
# usual credentials (HW_ACCESS_KEY / HW_SECRET_KEY / HW_REGION_NAME).
terraform {
  required_version = ">= 1.3"
  required_providers {
    huaweicloud = {
      source  = "huaweicloud/huaweicloud"
      version = ">= 1.60.0"
    }
  }
}

provider "huaweicloud" {
  region = var.region
}
