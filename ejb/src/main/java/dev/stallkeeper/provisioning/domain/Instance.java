package dev.stallkeeper.provisioning.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Objects;

/**
 * A SaaS instance sold through KooGallery, identified by the instanceId Stallkeeper gave KooGallery
 * (the businessId of the first newInstance call). Owns its lifecycle rules; the service layer only loads,
 * calls these methods and stores.
 */
@Entity
@Table(name = "instance")
@NamedQuery(name = "Instance.findByIds", query = "SELECT i FROM Instance i WHERE i.id IN :ids")
@NamedQuery(name = "Instance.findByOrderLine",
        query = "SELECT i FROM Instance i WHERE i.orderId = :orderId AND i.orderLineId = :orderLineId AND i.productKey = :productKey")
public class Instance {

    @Id
    private String id;
    @Column(name = "order_id", nullable = false)
    private String orderId;
    @Column(name = "order_line_id", nullable = false)
    private String orderLineId;
    /** The product id for pay-per-use lines that carry one in the callback, otherwise empty. */
    @Column(name = "product_key", nullable = false)
    private String productKey;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private InstanceState state;
    @Column(name = "charging_mode")
    private String chargingMode;
    @Column(name = "product_id")
    private String productId;
    @Column(name = "sku_code")
    private String skuCode;
    @Column(name = "linear_value")
    private Integer linearValue;
    @Column(name = "period_type")
    private String periodType;
    @Column(name = "period_number")
    private Integer periodNumber;
    private boolean trial;
    @Column(name = "expires_at")
    private Instant expiresAt;
    @Column(name = "customer_id")
    private String customerId;
    @Column(name = "customer_name")
    private String customerName;
    @Column(name = "front_end_url")
    private String frontEndUrl;
    @Column(name = "admin_url")
    private String adminUrl;
    @Column(name = "app_user_name")
    private String appUserName;
    /** Sealed with STALLKEEPER_DATA_KEY (see {@code AppPasswords}); plain only on an embedded database without a key. */
    @Column(name = "app_password", length = 512)
    private String appPassword;
    @Column(name = "app_memo")
    private String appMemo;
    @Column(name = "failure_reason")
    private String failureReason;
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;
    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;
    @Version
    private long version;

    protected Instance() {
    }

    public String id() { return id; }
    public String orderId() { return orderId; }
    public String orderLineId() { return orderLineId; }
    public String productKey() { return productKey; }
    public InstanceState state() { return state; }
    public String chargingMode() { return chargingMode; }
    public String productId() { return productId; }
    public String skuCode() { return skuCode; }
    public Integer linearValue() { return linearValue; }
    public String periodType() { return periodType; }
    public Integer periodNumber() { return periodNumber; }
    public boolean trial() { return trial; }
    public Instant expiresAt() { return expiresAt; }
    public String customerId() { return customerId; }
    public String customerName() { return customerName; }
    public String frontEndUrl() { return frontEndUrl; }
    public String adminUrl() { return adminUrl; }
    public String appUserName() { return appUserName; }
    public String appPassword() { return appPassword; }
    public String appMemo() { return appMemo; }
    public String failureReason() { return failureReason; }
    public Instant createdAt() { return createdAt; }
    public Instant updatedAt() { return updatedAt; }

    /** Facts from Query Order, recorded before the Provisioner runs. */
    public void describe(OrderLineSnapshot line, Instant now) {
        this.chargingMode = line.chargingMode();
        this.productId = line.productId();
        this.skuCode = line.skuCode();
        this.linearValue = line.linearValue();
        this.periodType = line.periodType();
        this.periodNumber = line.periodNumber();
        this.trial = "TRIAL".equals(line.orderType());
        if (this.expiresAt == null) {
            this.expiresAt = line.expireTime();
        }
        this.customerId = line.customerId();
        this.customerName = line.customerName();
        this.updatedAt = now;
    }

    /** Provisioning finished: the buyer can log in. A late completion after release changes nothing. */
    public boolean activate(String frontEndUrl, String adminUrl, String userName, String password, String memo, Instant now) {
        if (state != InstanceState.PROVISIONING && state != InstanceState.FAILED) {
            return false;
        }
        this.frontEndUrl = Objects.requireNonNull(frontEndUrl, "frontEndUrl");
        this.adminUrl = adminUrl;
        this.appUserName = userName;
        this.appPassword = password;
        this.appMemo = memo;
        this.failureReason = null;
        this.state = InstanceState.ACTIVE;
        this.updatedAt = now;
        return true;
    }

    /** Provisioning gave up after its retries; a resent newInstance or a replay from the console re-arms it. */
    public void fail(String reason, Instant now) {
        if (state == InstanceState.PROVISIONING) {
            this.state = InstanceState.FAILED;
            this.failureReason = truncate(reason, 1024);
            this.updatedAt = now;
        }
    }

    /** Back to provisioning after a failure (retry requested). */
    public boolean retryProvisioning(Instant now) {
        if (state != InstanceState.FAILED) {
            return false;
        }
        this.state = InstanceState.PROVISIONING;
        this.updatedAt = now;
        return true;
    }

    /** FREEZE: access blocked, data kept. Returns false when already frozen (set-state semantics). */
    public boolean freeze(Instant now) {
        requireNotReleased();
        if (state == InstanceState.FROZEN) {
            return false;
        }
        if (state != InstanceState.ACTIVE) {
            throw new LifecycleException(state, "instance " + id + " is " + state + " and cannot be frozen yet");
        }
        this.state = InstanceState.FROZEN;
        this.updatedAt = now;
        return true;
    }

    /** UNFREEZE: access restored. Returns false when already active. */
    public boolean unfreeze(Instant now) {
        requireNotReleased();
        if (state == InstanceState.ACTIVE) {
            return false;
        }
        if (state != InstanceState.FROZEN) {
            throw new LifecycleException(state, "instance " + id + " is " + state + " and cannot be unfrozen");
        }
        this.state = InstanceState.ACTIVE;
        this.updatedAt = now;
        return true;
    }

    /** New expiry from a renewal, trial conversion or unsubscription of a renewal period. */
    public void renew(Instant newExpiry, boolean formal, String newProductId, Instant now) {
        requireNotReleased();
        this.expiresAt = Objects.requireNonNull(newExpiry, "newExpiry");
        if (formal) {
            this.trial = false;
        }
        if (newProductId != null && !newProductId.isBlank()) {
            this.productId = newProductId;
        }
        this.updatedAt = now;
    }

    /**
     * An offline-delivered period product's validity starts when its service starts (the start time the seller
     * entered under supervision, else the buyer's acceptance time; koogallery-protocol.md §8.1): the expiry becomes
     * start plus the bought period, counted in Beijing calendar months or years. Returns false (and changes nothing)
     * for products without a period.
     */
    public boolean startServiceAt(Instant serviceStart, Instant now) {
        requireNotReleased();
        Objects.requireNonNull(serviceStart, "serviceStart");
        if (periodType == null || periodNumber == null || periodNumber <= 0) {
            return false;
        }
        java.time.ZonedDateTime start = serviceStart.atZone(java.time.ZoneId.of("Asia/Shanghai"));
        java.time.ZonedDateTime end = switch (periodType.toLowerCase(java.util.Locale.ROOT)) {
            case "year" -> start.plusYears(periodNumber);
            case "month" -> start.plusMonths(periodNumber);
            default -> null;
        };
        if (end == null) {
            return false;
        }
        this.expiresAt = end.toInstant();
        this.updatedAt = now;
        return true;
    }

    /** Upgrade or change of specification; the instance id stays. */
    public void changeSpec(String productId, String skuCode, Integer linearValue, Instant now) {
        requireNotReleased();
        if (productId != null) {
            this.productId = productId;
        }
        if (skuCode != null) {
            this.skuCode = skuCode;
        }
        if (linearValue != null) {
            this.linearValue = linearValue;
        }
        this.updatedAt = now;
    }

    /** Release: tenant data goes (credentials included); the row stays for the audit. False when already released. */
    public boolean release(Instant now) {
        if (state == InstanceState.RELEASED) {
            return false;
        }
        this.state = InstanceState.RELEASED;
        this.appPassword = null;
        this.appUserName = null;
        this.updatedAt = now;
        return true;
    }

    private void requireNotReleased() {
        if (state == InstanceState.RELEASED) {
            throw new LifecycleException(state, "instance " + id + " has been released");
        }
    }

    static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Instance other && id != null && id.equals(other.id);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(id);
    }
}
