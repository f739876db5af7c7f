package dev.stallkeeper.security.domain;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

/** A member of the seller's staff: who may log in to the admin console and the admin API, with which roles. */
@Entity
@Table(name = "admin_user")
public class AdminAccount {

    @Id
    private String username;
    @Column(name = "display_name")
    private String displayName;
    @Column(name = "password_hash", nullable = false)
    private String passwordHash;
    private boolean enabled;
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;
    @Column(name = "created_by")
    private String createdBy;
    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;
    @Version
    private long version;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "admin_user_role", joinColumns = @JoinColumn(name = "username"))
    @Column(name = "role")
    @Enumerated(EnumType.STRING)
    private Set<Role> roles = EnumSet.noneOf(Role.class);

    protected AdminAccount() {
    }

    public AdminAccount(String username, String displayName, String passwordHash, Set<Role> roles, String createdBy,
                        Instant now) {
        AccountRules.checkUsername(username);
        AccountRules.checkRoles(roles);
        this.username = username;
        this.displayName = displayName;
        this.passwordHash = passwordHash;
        this.roles = EnumSet.copyOf(roles);
        this.enabled = true;
        this.createdBy = createdBy;
        this.createdAt = now;
        this.updatedAt = now;
    }

    public String username() { return username; }
    public String displayName() { return displayName; }
    public boolean enabled() { return enabled; }
    public Instant createdAt() { return createdAt; }
    public String createdBy() { return createdBy; }
    public Instant updatedAt() { return updatedAt; }
    public Set<Role> roles() { return roles.isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(roles); }

    public boolean isActiveAdmin() {
        return enabled && roles.contains(Role.ADMIN);
    }

    public void changeRoles(Set<Role> newRoles, Instant now) {
        AccountRules.checkRoles(newRoles);
        roles.clear();
        roles.addAll(newRoles);
        updatedAt = now;
    }

    public void changePasswordHash(String hash, Instant now) {
        passwordHash = hash;
        updatedAt = now;
    }

    public void enable(boolean value, Instant now) {
        enabled = value;
        updatedAt = now;
    }

    public void rename(String value, Instant now) {
        displayName = value;
        updatedAt = now;
    }
}
