data "huaweicloud_availability_zones" "zones" {}

data "huaweicloud_images_image" "node" {
  name        = var.ecs_image_name
  visibility  = "public"
  most_recent = true
}

locals {
  zones = data.huaweicloud_availability_zones.zones.names
  port  = 8080
}

# --- network ---------------------------------------------------------------------------------------------------
resource "huaweicloud_vpc" "main" {
  name = "${var.name}-vpc"
  cidr = var.vpc_cidr
}

resource "huaweicloud_vpc_subnet" "main" {
  name       = "${var.name}-subnet"
  vpc_id     = huaweicloud_vpc.main.id
  cidr       = var.subnet_cidr
  gateway_ip = cidrhost(var.subnet_cidr, 1)
}

# Outbound internet for the nodes (packages, the tarball, KooGallery's open APIs) without public addresses on them.
resource "huaweicloud_vpc_eip" "nat" {
  publicip {
    type = "5_bgp"
  }
  bandwidth {
    name        = "${var.name}-nat"
    size        = 10
    share_type  = "PER"
    charge_mode = "traffic"
  }
}

resource "huaweicloud_nat_gateway" "main" {
  name      = "${var.name}-nat"
  spec      = "1"
  vpc_id    = huaweicloud_vpc.main.id
  subnet_id = huaweicloud_vpc_subnet.main.id
}

resource "huaweicloud_nat_snat_rule" "nodes" {
  nat_gateway_id = huaweicloud_nat_gateway.main.id
  floating_ip_id = huaweicloud_vpc_eip.nat.id
  subnet_id      = huaweicloud_vpc_subnet.main.id
}

# --- security groups -------------------------------------------------------------------------------------------
resource "huaweicloud_networking_secgroup" "nodes" {
  name                 = "${var.name}-nodes"
  description          = "Stallkeeper nodes: HTTP from the load balancer's subnet, SSH from the admin range"
  delete_default_rules = true
}

resource "huaweicloud_networking_secgroup" "database" {
  name                 = "${var.name}-database"
  description          = "RDS for PostgreSQL: only the Stallkeeper nodes"
  delete_default_rules = true
}

# Ingress: HTTP from the subnet (the dedicated ELB reaches and health-checks its backends from addresses of its
# subnet), SSH from the admin range, PostgreSQL from the nodes' group only.
resource "huaweicloud_networking_secgroup_rule" "ingress" {
  for_each = {
    nodes_http = { group = huaweicloud_networking_secgroup.nodes.id, port = local.port, cidr = var.subnet_cidr, from = null }
    nodes_ssh  = { group = huaweicloud_networking_secgroup.nodes.id, port = 22, cidr = var.admin_cidr, from = null }
    database   = { group = huaweicloud_networking_secgroup.database.id, port = 5432, cidr = null, from = huaweicloud_networking_secgroup.nodes.id }
  }
  security_group_id = each.value.group
  direction         = "ingress"
  ethertype         = "IPv4"
  protocol          = "tcp"
  port_range_min    = each.value.port
  port_range_max    = each.value.port
  remote_ip_prefix  = each.value.cidr
  remote_group_id   = each.value.from
}

resource "huaweicloud_networking_secgroup_rule" "nodes_egress" {
  security_group_id = huaweicloud_networking_secgroup.nodes.id
  direction         = "egress"
  ethertype         = "IPv4"
  remote_ip_prefix  = "0.0.0.0/0"
}

# --- database --------------------------------------------------------------------------------------------------
resource "huaweicloud_rds_instance" "db" {
  name              = "${var.name}-db"
  flavor            = var.rds_flavor
  ha_replication_mode = "async"
  vpc_id            = huaweicloud_vpc.main.id
  subnet_id         = huaweicloud_vpc_subnet.main.id
  security_group_id = huaweicloud_networking_secgroup.database.id
  availability_zone = [local.zones[0], local.zones[1]]

  db {
    type     = "PostgreSQL"
    version  = var.rds_version
    password = var.rds_password
  }

  volume {
    type = "CLOUDSSD"
    size = var.rds_volume_size
  }

  # automated full backups plus WAL archiving: point-in-time restore (docs/deploy.md, "Backups")
  backup_strategy {
    start_time = "18:00-19:00" # UTC: 02:00-03:00 Beijing time
    keep_days  = 7
  }
}

resource "huaweicloud_rds_pg_database" "stallkeeper" {
  instance_id = huaweicloud_rds_instance.db.id
  name        = "stallkeeper"
}

# --- nodes -----------------------------------------------------------------------------------------------------
resource "huaweicloud_compute_instance" "node" {
  count              = var.node_count
  name               = "${var.name}-node-${count.index + 1}"
  image_id           = data.huaweicloud_images_image.node.id
  flavor_id          = var.ecs_flavor
  key_pair           = var.ssh_key_pair
  security_group_ids = [huaweicloud_networking_secgroup.nodes.id]
  availability_zone  = local.zones[count.index % length(local.zones)]
  system_disk_type   = "SSD"
  system_disk_size   = 40

  network {
    uuid = huaweicloud_vpc_subnet.main.id
  }

  user_data = templatefile("${path.module}/cloud-init.yaml.tftpl", {
    node_id        = "${var.name}-node-${count.index + 1}"
    tarball_url    = var.tarball_url
    grace_seconds  = var.shutdown_grace_seconds
    postgresql_url = "jdbc:postgresql://${huaweicloud_rds_instance.db.fixed_ip}:5432/${huaweicloud_rds_pg_database.stallkeeper.name}"
    db_user        = "root"
    db_password    = var.rds_password
    koogallery_key = var.koogallery_key
    data_key       = var.data_key
    koogallery_ak  = var.koogallery_ak
    koogallery_sk  = var.koogallery_sk
    admin_user     = var.admin_user
    admin_password = var.admin_password
  })

  depends_on = [huaweicloud_nat_snat_rule.nodes]
}

# --- load balancer ---------------------------------------------------------------------------------------------
data "huaweicloud_elb_flavors" "l7" {
  type = "L7"
}

resource "huaweicloud_elb_loadbalancer" "lb" {
  name              = "${var.name}-elb"
  vpc_id            = huaweicloud_vpc.main.id
  ipv4_subnet_id    = huaweicloud_vpc_subnet.main.ipv4_subnet_id
  l7_flavor_id      = data.huaweicloud_elb_flavors.l7.ids[0]
  availability_zone = [local.zones[0], local.zones[1]]

  iptype                = "5_bgp"
  bandwidth_charge_mode = "traffic"
  sharetype             = "PER"
  bandwidth_size        = 10
}

resource "huaweicloud_elb_certificate" "https" {
  name        = "${var.name}-certificate"
  type        = "server"
  certificate = var.certificate
  private_key = var.private_key
}

resource "huaweicloud_elb_listener" "https" {
  name               = "${var.name}-https"
  protocol           = "HTTPS"
  protocol_port      = 443
  loadbalancer_id    = huaweicloud_elb_loadbalancer.lb.id
  server_certificate = huaweicloud_elb_certificate.https.id
  tls_ciphers_policy = "tls-1-2"
  # KooGallery waits 20 s for an answer
  request_timeout  = 30
  response_timeout = 25
  idle_timeout     = 60
}

# Callbacks go to any node; the console's sessions stay on their node: the pool keeps a client on one node by
# Undertow's own session cookie (APP_COOKIE STALLKEEPER_SESSION, which ends in the node's route).
resource "huaweicloud_elb_pool" "nodes" {
  name        = "${var.name}-nodes"
  protocol    = "HTTP"
  lb_method   = "ROUND_ROBIN"
  listener_id = huaweicloud_elb_listener.https.id

  persistence {
    type        = "APP_COOKIE"
    cookie_name = "STALLKEEPER_SESSION"
  }
}

resource "huaweicloud_elb_monitor" "ready" {
  pool_id          = huaweicloud_elb_pool.nodes.id
  protocol         = "HTTP"
  url_path         = "/api/health/ready"
  status_code      = "200"
  interval         = 2
  timeout          = 2
  max_retries      = 2
  max_retries_down = 2
  port             = local.port
}

resource "huaweicloud_elb_member" "node" {
  count         = var.node_count
  pool_id       = huaweicloud_elb_pool.nodes.id
  subnet_id     = huaweicloud_vpc_subnet.main.ipv4_subnet_id
  address       = huaweicloud_compute_instance.node[count.index].access_ip_v4
  protocol_port = local.port
}
