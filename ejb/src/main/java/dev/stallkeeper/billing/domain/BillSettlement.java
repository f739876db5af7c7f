package dev.stallkeeper.billing.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * That a bill settled: in which period and statement, and when. One row of the append-only settlement ledger
 * (bill_settlement, V20): written only by the reconciliation job's settling {@code INSERT ... SELECT}, never through
 * this class and never updated; its primary key on the bill makes settling a bill twice impossible.
 */
@Entity
@Table(name = "bill_settlement")
public class BillSettlement {

    @Id
    @Column(name = "bill_id", insertable = false, updatable = false)
    private Long billId;
    @Column(name = "period", insertable = false, updatable = false)
    private Integer period;
    @Column(name = "statement_id", insertable = false, updatable = false)
    private Long statementId;
    @Column(name = "settled_at", insertable = false, updatable = false)
    private Instant settledAt;

    protected BillSettlement() {
    }

    public Long billId() { return billId; }
    public Integer period() { return period; }
    public Long statementId() { return statementId; }
    public Instant settledAt() { return settledAt; }
}
