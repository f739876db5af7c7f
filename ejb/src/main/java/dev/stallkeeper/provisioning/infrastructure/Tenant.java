package dev.stallkeeper.provisioning.infrastructure;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A tenant of the built-in provisioner: the stand-in for a seller's own SaaS account. */
@Entity
@Table(name = "tenant")
public class Tenant {

    @Id
    @Column(name = "instance_id")
    private String instanceId;
    @Column(name = "tenant_code", nullable = false, unique = true)
    private String tenantCode;
    @Column(name = "admin_user", nullable = false)
    private String adminUser;
    private Integer seats;
    @Column(name = "users_in_use", nullable = false)
    private int usersInUse;
    private boolean suspended;
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;
    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected Tenant() {
    }

    Tenant(String instanceId, String tenantCode, String adminUser, Integer seats, Instant now) {
        this.instanceId = instanceId;
        this.tenantCode = tenantCode;
        this.adminUser = adminUser;
        this.seats = seats;
        this.usersInUse = 1;
        this.createdAt = now;
        this.updatedAt = now;
    }

    public String tenantCode() { return tenantCode; }
    public String adminUser() { return adminUser; }
    public Integer seats() { return seats; }
    public int usersInUse() { return usersInUse; }
    public boolean suspended() { return suspended; }

    void suspend(boolean value, Instant now) {
        this.suspended = value;
        this.updatedAt = now;
    }

    void resize(Integer seats, Instant now) {
        this.seats = seats;
        this.updatedAt = now;
    }
}
