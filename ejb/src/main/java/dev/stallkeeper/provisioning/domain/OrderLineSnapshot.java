package dev.stallkeeper.provisioning.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Instant;

/** What Query Order answered about one order line, kept for provisioning, the console and the books. */
@Entity
@Table(name = "order_line")
public class OrderLineSnapshot {

    @Embeddable
    public record Key(@Column(name = "order_id") String orderId,
                      @Column(name = "order_line_id") String orderLineId) implements Serializable {
    }

    @EmbeddedId
    private Key key;
    @Column(name = "order_type", nullable = false)
    private String orderType;
    @Column(name = "charging_mode")
    private String chargingMode;
    @Column(name = "product_id")
    private String productId;
    @Column(name = "sku_code")
    private String skuCode;
    @Column(name = "product_name")
    private String productName;
    @Column(name = "linear_value")
    private Integer linearValue;
    @Column(name = "period_type")
    private String periodType;
    @Column(name = "period_number")
    private Integer periodNumber;
    @Column(name = "expire_time")
    private Instant expireTime;
    private BigDecimal amount;
    private String currency;
    @Column(name = "customer_id")
    private String customerId;
    @Column(name = "customer_name")
    private String customerName;
    @Column(name = "order_created_at")
    private Instant orderCreatedAt;
    @Column(name = "raw_json", nullable = false)
    private String rawJson;
    @Column(name = "fetched_at", nullable = false)
    private Instant fetchedAt;

    protected OrderLineSnapshot() {
    }

    @SuppressWarnings("java:S107")
    public OrderLineSnapshot(Key key, String orderType, String chargingMode, String productId, String skuCode,
                             String productName, Integer linearValue, String periodType, Integer periodNumber,
                             Instant expireTime, BigDecimal amount, String currency, String customerId,
                             String customerName, Instant orderCreatedAt, String rawJson, Instant fetchedAt) {
        this.key = key;
        this.orderType = orderType;
        this.chargingMode = chargingMode;
        this.productId = productId;
        this.skuCode = skuCode;
        this.productName = Instance.truncate(productName, 255);
        this.linearValue = linearValue;
        this.periodType = periodType;
        this.periodNumber = periodNumber;
        this.expireTime = expireTime;
        this.amount = amount;
        this.currency = currency;
        this.customerId = customerId;
        this.customerName = Instance.truncate(customerName, 255);
        this.orderCreatedAt = orderCreatedAt;
        this.rawJson = rawJson;
        this.fetchedAt = fetchedAt;
    }

    public Key key() { return key; }
    public String orderType() { return orderType; }
    public String chargingMode() { return chargingMode; }
    public String productId() { return productId; }
    public String skuCode() { return skuCode; }
    public String productName() { return productName; }
    public Integer linearValue() { return linearValue; }
    public String periodType() { return periodType; }
    public Integer periodNumber() { return periodNumber; }
    public Instant expireTime() { return expireTime; }
    public BigDecimal amount() { return amount; }
    public String currency() { return currency; } // read by billing (bills are recorded in CNY only)
    public String customerId() { return customerId; }
    public String customerName() { return customerName; }
    public Instant fetchedAt() { return fetchedAt; }
}
