package dev.stallkeeper.billing.domain;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The settlement of one period over a set of bills, computed in memory: the reference the batch job follows
 * (it computes the same per-type sums in partitions, then calls the same {@link SettlementPolicy#decide}), and
 * the preview of a period that has not ended.
 */
public final class PeriodSettlement {

    /**
     * @param statements one per product type that has eligible bills or a carry, ordered by type
     * @param settledBills the ids of the bills that settle, by product type
     * @param worklist blocked bills (in id order), then product types below the threshold
     */
    public record Result(BillingPeriod period, List<StatementDecision> statements,
                         Map<String, List<Long>> settledBills, List<WorklistEntry> worklist) {

        public Optional<StatementDecision> statement(String productType) {
            return statements.stream().filter(s -> s.productType().equals(productType)).findFirst();
        }

        /** The bills after this settlement: the settled ones carry this period. */
        public List<BillFacts> applyTo(Collection<BillFacts> bills) {
            java.util.Set<Long> settledIds = new java.util.HashSet<>();
            settledBills.values().forEach(settledIds::addAll);
            return bills.stream().map(b -> settledIds.contains(b.id())
                    ? new BillFacts(b.id(), b.productType(), b.kind(), b.amount(), b.payment(), b.supervision(),
                            b.effectiveAt(), b.settleableAt(), period.id())
                    : b).toList();
        }

        /** The carry of each type for the next period's {@code carriedIn}. */
        public Map<String, BigDecimal> carryOut() {
            Map<String, BigDecimal> carry = new TreeMap<>();
            statements.forEach(s -> carry.put(s.productType(), s.carryOut()));
            return carry;
        }
    }

    private PeriodSettlement() {
    }

    /**
     * @param bills     every bill known (settled ones are ignored)
     * @param carriedIn each product type's carry from its previous statement
     */
    public static Result compute(BillingPeriod period, Collection<BillFacts> bills, Map<String, BigDecimal> carriedIn,
                                 SettlementPolicy policy) {
        Map<String, BigDecimal> sums = new TreeMap<>();
        Map<String, List<Long>> ids = new TreeMap<>();
        List<WorklistEntry> worklist = new ArrayList<>();
        bills.stream().filter(b -> !b.settled()).sorted((a, b) -> Long.compare(a.id(), b.id())).forEach(bill -> {
            Optional<BlockReason> blocker = Eligibility.blocker(bill, period);
            if (blocker.isPresent()) {
                worklist.add(WorklistEntry.forBill(bill, blocker.get()));
            } else {
                sums.merge(bill.productType(), bill.amount(), BigDecimal::add);
                ids.computeIfAbsent(bill.productType(), t -> new ArrayList<>()).add(bill.id());
            }
        });
        TreeSet<String> types = new TreeSet<>(sums.keySet());
        carriedIn.forEach((type, amount) -> {
            if (amount.signum() != 0) {
                types.add(type);
            }
        });
        List<StatementDecision> statements = new ArrayList<>();
        Map<String, List<Long>> settled = new TreeMap<>();
        List<WorklistEntry> below = new ArrayList<>();
        for (String type : types) {
            List<Long> typeIds = ids.getOrDefault(type, List.of());
            StatementDecision decision = policy.decide(type, carriedIn.getOrDefault(type, Cny.ZERO),
                    sums.getOrDefault(type, Cny.ZERO), typeIds.size());
            statements.add(decision);
            if (decision.settles()) {
                settled.put(type, List.copyOf(typeIds));
            } else {
                below.add(WorklistEntry.belowThreshold(decision));
            }
        }
        worklist.addAll(below);
        return new Result(period, List.copyOf(statements), settled, List.copyOf(worklist));
    }
}
