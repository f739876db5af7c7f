output "https_address" {
  description = "Point your domain's A record here, then register https://<domain>/api/koogallery/produce in Seller Console"
  value       = huaweicloud_elb_loadbalancer.lb.ipv4_eip
}

output "node_addresses" {
  value = huaweicloud_compute_instance.node[*].access_ip_v4
}

output "database_address" {
  value = huaweicloud_rds_instance.db.fixed_ip
}
