package dev.stallkeeper.usage.application;

import dev.stallkeeper.billing.domain.Cny;
import dev.stallkeeper.provisioning.domain.Instance;
import dev.stallkeeper.provisioning.domain.InstanceState;
import dev.stallkeeper.usage.domain.PushCadence;
import dev.stallkeeper.usage.domain.UsageReading;
import dev.stallkeeper.usage.domain.UsageRecord;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Usage reported by the seller's SaaS ({@code POST /api/usage}): checks a batch of records and stores it whole or
 * not at all. Idempotent by the caller's record id, enforced by the database: the same id with the same record
 * answers as the first time (same metering_sn); the same id with a different record is a conflict. Each new record
 * gets a random metering_sn, kept for every push of it.
 */
@Stateless
public class UsageReports {

    /** Records per report (as many as one push to KooGallery carries). */
    public static final int MAX_RECORDS = 1000;
    static final Set<String> PAY_PER_USE = Set.of("ON_DEMAND", "ON_DEMAND_PKG");

    private static final Logger LOG = Logger.getLogger(UsageReports.class);

    @PersistenceContext(unitName = "stallkeeper")
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    UsageSettings settings;

    /** What the caller is told for each record: its id and the metering_sn KooGallery will see. */
    public record Receipt(String id, String meteringSn) {
    }

    /**
     * Stores the records (all or none) and returns one receipt per record, in order.
     *
     * @throws UsageReportException INVALID when a record breaks a rule, CONFLICT when an id or an instance's time
     *                              window is taken by a different record
     */
    public List<Receipt> report(List<ReportedUsage> records) {
        if (records == null || records.isEmpty() || records.size() > MAX_RECORDS) {
            throw new UsageReportException(UsageReportException.Reason.INVALID, "a report carries 1 to "
                    + MAX_RECORDS + " records, not " + (records == null ? 0 : records.size()), List.of());
        }
        Instant now = clock.instant();
        Map<String, BigDecimal> units = settings.units();
        List<String> problems = new ArrayList<>();
        List<UsageReading> readings = new ArrayList<>();
        Map<String, UsageReading> byId = new HashMap<>();
        for (int i = 0; i < records.size(); i++) {
            ReportedUsage r = records.get(i);
            String label = "records[" + i + "]" + (r != null && r.id() != null ? " (id " + shorten(r.id()) + ")" : "");
            if (r == null) {
                problems.add(label + ": not a record");
                continue;
            }
            UsageReading reading = UsageReading.parse(label, r.id(), r.instanceId(), r.unit(), r.value(),
                    r.beginTime(), r.endTime(), r.relatePkgInstance(), units.keySet(), now, problems);
            if (reading == null) {
                continue;
            }
            UsageReading twin = byId.putIfAbsent(reading.id(), reading);
            if (twin != null && !twin.sameAs(reading)) {
                problems.add(label + ": the id is used twice in this report for different records");
            }
            readings.add(reading);
        }
        if (!problems.isEmpty()) {
            throw invalid(problems);
        }
        List<String> conflicts = new ArrayList<>();
        Set<String> conflicting = new java.util.HashSet<>();
        Map<String, Receipt> receipts = new LinkedHashMap<>();
        Map<String, Instance> instances = new HashMap<>();
        for (UsageReading reading : readings) {
            if (receipts.containsKey(reading.id())) {
                continue;
            }
            Optional<UsageRecord> known = findByReportId(reading.id());
            if (known.isPresent()) {
                if (UsageReading.of(known.get()).sameAs(reading)) {
                    receipts.put(reading.id(), new Receipt(reading.id(), known.get().meteringSn()));
                } else {
                    conflicts.add("id " + reading.id() + " was reported before with a different record");
                    conflicting.add(reading.id());
                }
                continue;
            }
            Instance instance = instances.computeIfAbsent(reading.instanceId(), id -> em.find(Instance.class, id));
            String refusal = refusal(instance, reading);
            if (refusal != null) {
                problems.add("id " + reading.id() + ": " + refusal);
            }
        }
        if (!problems.isEmpty()) {
            throw invalid(problems);
        }
        PushCadence cadence = settings.cadence();
        for (UsageReading reading : readings) {
            if (receipts.containsKey(reading.id()) || conflicting.contains(reading.id())) {
                continue;
            }
            Instance instance = instances.get(reading.instanceId());
            BigDecimal amount = Cny.fen(reading.value().multiply(units.get(reading.unit())));
            String sn = UUID.randomUUID().toString();
            if (insert(reading, instance, amount, sn, cadence.dueAt(reading.end()), now)) {
                receipts.put(reading.id(), new Receipt(reading.id(), sn));
                continue;
            }
            // Lost a race with a concurrent report, or the instance's time window is taken.
            Optional<UsageRecord> raced = findByReportId(reading.id());
            if (raced.isPresent() && UsageReading.of(raced.get()).sameAs(reading)) {
                receipts.put(reading.id(), new Receipt(reading.id(), raced.get().meteringSn()));
            } else if (raced.isPresent()) {
                conflicts.add("id " + reading.id() + " was reported before with a different record");
            } else {
                conflicts.add("id " + reading.id() + ": instance " + reading.instanceId() + " already has record "
                        + windowOwner(reading) + " from " + reading.begin() + " to " + reading.end()
                        + " (KooGallery keeps only the first record of the same times)");
            }
        }
        if (!conflicts.isEmpty()) {
            throw new UsageReportException(UsageReportException.Reason.CONFLICT,
                    "conflicting records: nothing of this report was stored", conflicts);
        }
        LOG.debugf("Usage report of %d records stored", readings.size());
        return readings.stream().map(r -> receipts.get(r.id())).distinct().toList();
    }

    /** The record with the caller's id. */
    public Optional<UsageRecord> findByReportId(String reportId) {
        return em.createNamedQuery("UsageRecord.findByReportId", UsageRecord.class).setParameter("reportId", reportId)
                .getResultStream().findFirst();
    }

    /** Why usage of this instance cannot be taken, or null. */
    static String refusal(Instance instance, UsageReading reading) {
        if (instance == null) {
            return "instance " + reading.instanceId() + " does not exist";
        }
        if (instance.chargingMode() == null || !PAY_PER_USE.contains(instance.chargingMode())) {
            return "instance " + instance.id() + " is not pay-per-use (chargingMode "
                    + (instance.chargingMode() == null ? "unknown yet" : instance.chargingMode()) + ")";
        }
        InstanceState state = instance.state();
        if (state == InstanceState.ACTIVE) {
            return null;
        }
        if ((state == InstanceState.FROZEN || state == InstanceState.RELEASED)
                && !reading.end().isAfter(instance.updatedAt())) {
            return null; // usage from before the freeze or release, reported afterwards
        }
        return "instance " + instance.id() + " is " + state + (state == InstanceState.FROZEN
                || state == InstanceState.RELEASED ? " since " + instance.updatedAt()
                + ": only usage that ended before then can be reported" : ": usage needs an active instance");
    }

    private boolean insert(UsageReading r, Instance instance, BigDecimal amount, String sn, Instant due, Instant now) {
        long id = ((Number) em.createNativeQuery("SELECT nextval('usage_record_seq')").getSingleResult()).longValue();
        String status = r.value().signum() == 0 ? "SKIPPED" : "PENDING";
        return em.createNativeQuery("INSERT INTO usage_record (id, report_id, metering_sn, instance_id, order_id,"
                        + " product_id, unit, usage_value, amount, begin_time, end_time, relate_pkg_instance, status,"
                        + " due_at, next_attempt_at, attempts, force_send, created_at, updated_at) VALUES (?1, ?2, ?3,"
                        + " ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?14, 0, FALSE, ?15, ?15)"
                        + " ON CONFLICT DO NOTHING")
                .setParameter(1, id).setParameter(2, r.id()).setParameter(3, sn).setParameter(4, instance.id())
                .setParameter(5, instance.orderId()).setParameter(6, instance.productId()).setParameter(7, r.unit())
                .setParameter(8, r.value()).setParameter(9, amount).setParameter(10, utc(r.begin()))
                .setParameter(11, utc(r.end())).setParameter(12, r.relatePkgInstance()).setParameter(13, status)
                .setParameter(14, utc(due)).setParameter(15, utc(now))
                .executeUpdate() == 1;
    }

    private String windowOwner(UsageReading r) {
        return em.createQuery("SELECT u.reportId FROM UsageRecord u WHERE u.instanceId = :i AND u.beginTime = :b"
                        + " AND u.endTime = :e", String.class)
                .setParameter("i", r.instanceId()).setParameter("b", r.begin()).setParameter("e", r.end())
                .getResultStream().findFirst().map(id -> "(id " + id + ")").orElse("");
    }

    private static UsageReportException invalid(List<String> problems) {
        return new UsageReportException(UsageReportException.Reason.INVALID,
                "invalid records: nothing of this report was stored", problems);
    }

    private static java.time.OffsetDateTime utc(Instant t) {
        return t.atOffset(ZoneOffset.UTC);
    }

    /** Ids are at most 64 characters; a longer one (itself a problem) is cut for the message. */
    private static String shorten(String s) {
        return s.length() > UsageReading.MAX_ID ? s.substring(0, UsageReading.MAX_ID) + "..." : s;
    }
}
