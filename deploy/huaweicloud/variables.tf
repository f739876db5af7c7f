variable "region" {
  description = "Huawei Cloud region, e.g. cn-north-4 (Beijing-4)"
  type        = string
  default     = "cn-north-4"
}

variable "name" {
  description = "Prefix of every resource's name"
  type        = string
  default     = "stallkeeper"
}

variable "vpc_cidr" {
  type    = string
  default = "10.20.0.0/16"
}

variable "subnet_cidr" {
  type    = string
  default = "10.20.1.0/24"
}

variable "node_count" {
  description = "ECS nodes of the fleet (two or more, so that a node can restart without failing callbacks)"
  type        = number
  default     = 2
}

variable "ecs_flavor" {
  description = "ECS flavor of a node: 2 vCPUs / 4 GiB handles the measured figures in docs/deploy.md"
  type        = string
  default     = "c7.large.2"
}

variable "ecs_image_name" {
  description = "Public image of the nodes (cloud-init installs a Java 17 runtime from the distribution)"
  type        = string
  default     = "Ubuntu 22.04 server 64bit"
}

variable "ssh_key_pair" {
  description = "Name of an existing key pair for SSH to the nodes (from the bastion or VPN only)"
  type        = string
}

variable "admin_cidr" {
  description = "Address range allowed to reach the nodes with SSH"
  type        = string
  default     = "10.20.0.0/16"
}

variable "tarball_url" {
  description = "Where the nodes download stallkeeper-<version>.tar.gz (e.g. an OBS object URL, signed or private-network)"
  type        = string
}

variable "rds_flavor" {
  description = "RDS for PostgreSQL flavor (ha flavors end in .ha)"
  type        = string
  default     = "rds.pg.n1.large.2.ha"
}

variable "rds_version" {
  type    = string
  default = "16"
}

variable "rds_volume_size" {
  description = "GB; callback_log grows with traffic and STALLKEEPER_AUDIT_RETENTION_DAYS"
  type        = number
  default     = 100
}

variable "rds_password" {
  description = "Password of RDS's root user (the application uses it unless you create a dedicated user)"
  type        = string
  sensitive   = true
}

variable "certificate" {
  description = "PEM server certificate chain for the HTTPS listener (a CA-issued certificate: KooGallery refuses self-signed ones)"
  type        = string
}

variable "private_key" {
  description = "PEM private key of the certificate"
  type        = string
  sensitive   = true
}

variable "data_key" {
  description = "STALLKEEPER_DATA_KEY: base64 AES key sealing secrets at rest (openssl rand -base64 32); required on PostgreSQL, keep it safe: losing it loses the sealed values"
  type        = string
  sensitive   = true
}

variable "koogallery_key" {
  description = "KOOGALLERY_KEY: the basic-interface key bound in Seller Console (comma-separated for rotation)"
  type        = string
  sensitive   = true
}

variable "koogallery_ak" {
  type      = string
  sensitive = true
}

variable "koogallery_sk" {
  type      = string
  sensitive = true
}

variable "admin_user" {
  description = "STALLKEEPER_ADMIN_USER: the first console admin"
  type        = string
  default     = "admin"
}

variable "admin_password" {
  description = "STALLKEEPER_ADMIN_PASSWORD (at least 12 characters, not containing the user name)"
  type        = string
  sensitive   = true
}

variable "shutdown_grace_seconds" {
  description = "STALLKEEPER_SHUTDOWN_GRACE_SECONDS: how long a node's SIGTERM lets requests in flight finish"
  type        = number
  default     = 30
}
