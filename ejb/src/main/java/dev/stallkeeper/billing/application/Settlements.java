package dev.stallkeeper.billing.application;

import dev.stallkeeper.billing.domain.BillSum;
import dev.stallkeeper.billing.domain.BillingPeriod;
import dev.stallkeeper.billing.domain.Cny;
import dev.stallkeeper.billing.domain.PartitionRange;
import dev.stallkeeper.billing.domain.PeriodTotals;
import dev.stallkeeper.billing.domain.SettlementException;
import dev.stallkeeper.billing.domain.SettlementPhase;
import dev.stallkeeper.billing.domain.SettlementPolicy;
import dev.stallkeeper.billing.domain.SettlementRun;
import dev.stallkeeper.billing.domain.SettlementStatement;
import dev.stallkeeper.billing.domain.SliceSums;
import dev.stallkeeper.billing.domain.StatementDecision;
import dev.stallkeeper.billing.domain.StatementLine;
import dev.stallkeeper.billing.domain.WorklistCount;
import dev.stallkeeper.billing.domain.WorklistEntry;
import dev.stallkeeper.billing.domain.WorklistLine;
import dev.stallkeeper.billing.infrastructure.SettlementPartitionStore;
import dev.stallkeeper.billing.infrastructure.SettlementReadModel;
import dev.stallkeeper.billing.infrastructure.SettlementRunStore;
import dev.stallkeeper.billing.infrastructure.StatementStore;
import dev.stallkeeper.platform.StallkeeperConfig;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.jboss.logging.Logger;

/**
 * Monthly settlement (settlement-rules.md) as the reconciliation job runs it, step by step, plus what the admin
 * console reads. The steps: {@link #prepare} claims the period for one job instance and freezes the run's
 * inputs; {@link #accumulate} adds a chunk of bills to its partition's sums in the chunk's transaction;
 * {@link #decide} sums the partitions with the carries, applies {@link SettlementPolicy} and writes the statements
 * and the worklist; {@link #settle} appends a chunk's settling bills to the settlement ledger in the chunk's
 * transaction; {@link #finish} checks the ledger against the statements and completes the run. No batch types here:
 * the job passes plain values.
 */
@Stateless
public class Settlements {

    private static final Logger LOG = Logger.getLogger(Settlements.class);

    /** What {@link #prepare} found. */
    public enum Preparation { READY, ALREADY_SETTLED }

    /** The outcome of a run, as {@link #finish} wrote it. */
    public record Outcome(BillingPeriod period, List<StatementDecision> statements, boolean alreadySettled) {
    }

    @Inject
    SettlementRunStore runs;

    @Inject
    SettlementPartitionStore partitionStore;

    @Inject
    StatementStore statementStore;

    @Inject
    SettlementReadModel readModel;

    @Inject
    BillingSettings settings;

    @Inject
    StallkeeperConfig config;

    @Inject
    Clock clock;

    /**
     * Inserts the period's claim unless one exists (ON CONFLICT DO NOTHING: of several nodes whose monthly timers
     * fire together, exactly one gets true). Commits at once.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public boolean claim(BillingPeriod period, String node) {
        return runs.claim(period, node, clock.instant());
    }

    /**
     * Makes job instance {@code jobInstanceId} the period's run, or says the period is settled already (a
     * re-run changes nothing). Refuses a period that has not ended in Beijing time (that would be a preview, see
     * {@link #preview}), a period older than one settled already (carries flow forward), and a period another
     * job instance is running (restart that one, or {@link #abandon} it).
     */
    public Preparation prepare(BillingPeriod period, long jobInstanceId, long executionId, String node) {
        Instant now = clock.instant();
        if (!period.hasEnded(now)) {
            throw new SettlementException("period " + period + " ends at " + period.end() + " (Beijing midnight);"
                    + " until then it can only be previewed");
        }
        runs.claim(period, node, now);
        SettlementRun run = runs.lockRun(period).orElseThrow();
        if (run.status() == SettlementRun.Status.COMPLETED) {
            LOG.infof("Settlement %s: settled already (job instance %s); nothing to do", period, run.jobInstanceId());
            return Preparation.ALREADY_SETTLED;
        }
        Optional<Integer> later = runs.latestCompletedAfter(period);
        if (later.isPresent()) {
            throw new SettlementException("period " + period + " cannot be settled after " + later.get()
                    + ": periods settle in order");
        }
        if (run.status() == SettlementRun.Status.RUNNING && run.jobInstanceId() != null
                && run.jobInstanceId() != jobInstanceId) {
            throw new SettlementException("period " + period + " is being settled by job instance "
                    + run.jobInstanceId() + " (execution " + run.executionId() + "): restart that execution,"
                    + " or abandon it first");
        }
        runs.clearWork(period);
        long[] range = partitionStore.unsettledRange(now);
        long min = range[0];
        long max = range[1];
        runs.start(period, jobInstanceId, executionId, now, min, max, range[2]);
        int partitions = config.settlementPartitions();
        long span = max - min + 1;
        List<long[]> bounds = new ArrayList<>();
        for (int p = 0; p < partitions && span > 0; p++) {
            long from = min + span * p / partitions;
            long to = min + span * (p + 1) / partitions - 1;
            if (to >= from) {
                bounds.add(new long[] {p, from, to});
            }
        }
        // one counting scan for all partitions (the range query above is the other)
        List<Long> counts = partitionStore.countInRanges(bounds.stream().map(b -> new long[] {b[1], b[2]}).toList(), now);
        for (int i = 0; i < bounds.size(); i++) {
            long[] b = bounds.get(i);
            partitionStore.addPartition(period, jobInstanceId, new PartitionRange((int) b[0], b[1], b[2], counts.get(i)));
        }
        LOG.infof("Settlement %s: job instance %d reads %d unsettled bills, ids %d..%d, in %d partitions",
                period, jobInstanceId, range[2], min, max, partitions);
        return Preparation.READY;
    }

    /** The key ranges of the run's partitions, as {@link #prepare} fixed them. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<PartitionRange> partitions(BillingPeriod period, long jobInstanceId) {
        return partitionStore.partitions(period, jobInstanceId);
    }

    /** The run as it stands; {@link SettlementRun#doneBills()} is the progress so far. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Optional<SettlementRun> run(BillingPeriod period) {
        return runs.run(period);
    }

    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<SettlementRun> runs() {
        return runs.runs();
    }

    /** The run's snapshot instant: only bills recorded and last changed before it take part. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Instant asOf(BillingPeriod period, long jobInstanceId) {
        return runs.startedAt(period, jobInstanceId).orElseThrow(() -> new SettlementException("period " + period
                + " is not run by job instance " + jobInstanceId));
    }

    /**
     * One chunk of a partition, in the chunk's transaction (with its checkpoint): the run's bills with ids
     * {@code fromId..toId} are classified and summed by the database (set-based: no bill is read into Java), the
     * eligible amounts go to the partition's per-type sums, the blocked bills to the worklist, and the partition's
     * position moves to {@code toId}. A slice at or before the committed position is refused before anything is
     * added, so every bill is counted once whatever JBeret's own checkpoint says. Returns the bills the slice held.
     */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public long accumulate(BillingPeriod period, long jobInstanceId, int partition, long fromId, long toId) {
        Instant asOf = asOf(period, jobInstanceId);
        SliceSums sums = partitionStore.aggregateSlice(fromId, toId, asOf, period.end());
        // first, so that a slice the partition has counted already is refused before anything is added twice
        if (!partitionStore.advance(SettlementPhase.ACCUMULATE, period, jobInstanceId, partition, fromId, toId, sums.bills())) {
            throw new SettlementException("period " + period + ", partition " + partition + ": bills " + fromId + ".."
                    + toId + " were counted already (the partition's position is past them)");
        }
        partitionStore.worklistSlice(period, jobInstanceId, fromId, toId, asOf);
        partitionStore.addToStaging(period, jobInstanceId, partition, sums.eligible());
        return sums.bills();
    }

    /**
     * Where a partition goes on from in {@code phase}: the last bill id it did, committed with the slice's work (the
     * authoritative checkpoint; JBeret's own is stored outside the chunk transaction and may be a chunk ahead or
     * behind).
     */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public long position(SettlementPhase phase, BillingPeriod period, long jobInstanceId, int partition) {
        return partitionStore.position(phase, period, jobInstanceId, partition);
    }

    /**
     * The decision, in one transaction: per product type, accumulated = the partitions' sums (carried bills
     * included, since unsettled bills stay candidates); carried-in = the carry of the type's previous statement; the
     * policy decides; one statement per type is written; types below the threshold go to the worklist. The bills of
     * the settling types are settled afterwards, slice by slice ({@link #settle}). A decision this job instance has
     * committed already is kept (a restart after a crash).
     */
    public Outcome decide(BillingPeriod period, long jobInstanceId) {
        SettlementRun run = ownRun(period, jobInstanceId);
        List<SettlementStatement> decided = readModel.statements(period);
        if (run.status() == SettlementRun.Status.COMPLETED || !decided.isEmpty()) {
            return new Outcome(period, decided.stream().map(SettlementStatement::decision).toList(), true);
        }
        Instant now = clock.instant();
        SettlementPolicy policy = settings.policy();
        Map<String, BillSum> staged = statementStore.staged(period, jobInstanceId);
        Map<String, BigDecimal> carried = statementStore.carriedIn(period);
        TreeSet<String> types = new TreeSet<>(staged.keySet());
        carried.forEach((type, amount) -> {
            if (amount.signum() != 0) {
                types.add(type);
            }
        });
        List<StatementDecision> decisions = new ArrayList<>();
        List<WorklistEntry> below = new ArrayList<>();
        for (String type : types) {
            BillSum sum = staged.getOrDefault(type, new BillSum(Cny.ZERO, 0));
            StatementDecision d = policy.decide(type, carried.getOrDefault(type, Cny.ZERO), sum.amount(), sum.count());
            statementStore.insertStatement(period, d, now);
            if (!d.settles()) {
                below.add(WorklistEntry.belowThreshold(d));
            }
            decisions.add(d);
            LOG.infof("Settlement %s %s: carried %s + period %s = %s CNY, %s", period, type, d.carriedIn(),
                    d.periodAmount(), d.accumulated(), d.settles()
                            ? "settles: gross " + d.gross() + ", fee " + d.fee() + ", net " + d.net()
                            : "below the threshold, carried forward");
        }
        partitionStore.addWorklist(period, jobInstanceId, below);
        return new Outcome(period, decisions, false);
    }

    /**
     * One chunk of the settling step, in the chunk's transaction (with its checkpoint): the run's eligible bills with
     * ids {@code fromId..toId} whose product type settles are appended to the settlement ledger by one
     * {@code INSERT ... SELECT}, and the partition's settling position moves to {@code toId}. A slice at or before the
     * committed position is refused (its insert finds nothing unsettled and is rolled back). Returns the bills it
     * settled.
     */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public long settle(BillingPeriod period, long jobInstanceId, int partition, long fromId, long toId) {
        int settled = statementStore.settleSlice(period, fromId, toId, asOf(period, jobInstanceId), clock.instant());
        // a slice settled already finds no unsettled bill to insert; refusing it rolls the (empty) insert back
        if (!partitionStore.advance(SettlementPhase.SETTLE, period, jobInstanceId, partition, fromId, toId, settled)) {
            throw new SettlementException("period " + period + ", partition " + partition + ": bills " + fromId + ".."
                    + toId + " were settled already (the partition's position is past them)");
        }
        return settled;
    }

    /**
     * The final step, in one transaction: every settling statement must have exactly as many ledger rows as the
     * partitions counted bills for it (otherwise the run fails and stays restartable, nothing completes); the run
     * becomes {@code COMPLETED}. Running it again after it committed changes nothing.
     */
    public Outcome finish(BillingPeriod period, long jobInstanceId) {
        SettlementRun run = ownRun(period, jobInstanceId);
        List<SettlementStatement> statements = readModel.statements(period);
        List<StatementDecision> decisions = statements.stream().map(SettlementStatement::decision).toList();
        if (run.status() == SettlementRun.Status.COMPLETED) {
            return new Outcome(period, decisions, true);
        }
        Map<Long, Long> ledger = statementStore.ledgerCounts(period);
        long expected = 0;
        for (SettlementStatement st : statements) {
            long rows = ledger.getOrDefault(st.id(), 0L);
            long counted = st.decision().settles() ? st.decision().billCount() : 0;
            if (rows != counted) {
                throw new SettlementException("period " + period + ", " + st.decision().productType() + ": the partitions"
                        + " counted " + counted + " bills, the settlement ledger has " + rows + "; the run is not"
                        + " complete (abandon it and start the period again)");
            }
            expected += counted;
        }
        runs.complete(period, clock.instant());
        statementStore.analyzeLedger();
        LOG.infof("Settlement %s: %d bills settled, run completed", period, expected);
        return new Outcome(period, decisions, false);
    }

    /** The period's run under its row lock, owned by this job instance (running, or completed by it). */
    private SettlementRun ownRun(BillingPeriod period, long jobInstanceId) {
        SettlementRun run = runs.lockRun(period).orElseThrow(() -> new SettlementException("period " + period
                + " has no run"));
        boolean own = run.jobInstanceId() != null && run.jobInstanceId() == jobInstanceId;
        if (!own || (run.status() != SettlementRun.Status.RUNNING && run.status() != SettlementRun.Status.COMPLETED)) {
            throw new SettlementException("period " + period + " is " + run.status() + " by job instance "
                    + run.jobInstanceId() + ", not by " + jobInstanceId);
        }
        return run;
    }

    /** A restarted execution of the run's own job instance takes the run back; false if the period is another's. */
    public boolean resume(BillingPeriod period, long jobInstanceId, long executionId) {
        return runs.resume(period, jobInstanceId, executionId);
    }

    /** Records that the run's job execution failed (it can be restarted). */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void failed(BillingPeriod period, long jobInstanceId, String reason) {
        runs.fail(period, jobInstanceId, reason);
    }

    /** Gives up a run whose job will not finish, so that a new start may settle the period. */
    public boolean abandon(BillingPeriod period, String reason) {
        return runs.abandon(period, reason) > 0;
    }

    /**
     * What settling {@code period} would give if it ran now, writing nothing (a period that has not ended yet
     * can only be previewed). Bills not settled yet are counted whatever run they belong to.
     */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<StatementDecision> preview(BillingPeriod period) {
        SettlementPolicy policy = settings.policy();
        Map<String, BillSum> eligible = statementStore.eligibleNow(period);
        Map<String, BigDecimal> carried = statementStore.carriedIn(period);
        TreeSet<String> types = new TreeSet<>(eligible.keySet());
        carried.forEach((type, amount) -> {
            if (amount.signum() != 0) {
                types.add(type);
            }
        });
        List<StatementDecision> out = new ArrayList<>();
        for (String type : types) {
            BillSum sum = eligible.getOrDefault(type, new BillSum(Cny.ZERO, 0));
            out.add(policy.decide(type, carried.getOrDefault(type, Cny.ZERO), sum.amount(), sum.count()));
        }
        return out;
    }

    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<SettlementStatement> statements(BillingPeriod period) {
        return readModel.statements(period);
    }

    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<Long> statementBills(long statementId) {
        return readModel.statementBills(statementId);
    }

    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<WorklistLine> worklist(BillingPeriod period, int limit) {
        return readModel.worklist(period, limit);
    }

    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<StatementLine> statementLines(BillingPeriod period, int limit) {
        return readModel.statementLines(period, limit);
    }

    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<StatementLine> statementLinesOf(BillingPeriod period, long statementId, int limit) {
        return readModel.statementLinesOf(period, statementId, limit);
    }

    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<WorklistCount> worklistCounts(BillingPeriod period) {
        return readModel.worklistCounts(period);
    }

    /** Each period's statement totals, newest first. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Map<Integer, PeriodTotals> periodTotals() {
        return readModel.periodTotals();
    }

    /** The threshold a product type settles at (the policy in force now). */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public BigDecimal threshold() {
        return settings.policy().threshold();
    }

    /**
     * Why a new run of {@code period} would be refused now (the checks {@link #prepare} makes), or empty when it
     * may start. For the console and the admin API, so that they answer at once instead of failing a job.
     */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Optional<String> refusalToStart(BillingPeriod period) {
        if (!period.hasEnded(clock.instant())) {
            return Optional.of("period " + period + " ends at " + period.end() + " (Beijing midnight);"
                    + " until then it can only be previewed");
        }
        Optional<Integer> later = runs.latestCompletedAfter(period);
        if (later.isPresent()) {
            return Optional.of("period " + period + " cannot be settled after " + later.get() + ": periods settle in order");
        }
        Optional<SettlementRun> run = runs.run(period);
        if (run.isPresent() && run.get().status() == SettlementRun.Status.COMPLETED) {
            return Optional.of("period " + period + " is settled already");
        }
        if (run.isPresent() && run.get().status() == SettlementRun.Status.RUNNING) {
            return Optional.of("period " + period + " is being settled by job instance " + run.get().jobInstanceId()
                    + " (execution " + run.get().executionId() + "): wait for it, or restart it if it stopped");
        }
        return Optional.empty();
    }
}
