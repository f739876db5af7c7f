package dev.stallkeeper.demo;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stallkeeper.billing.application.Settlements;
import dev.stallkeeper.billing.domain.BillingPeriod;
import dev.stallkeeper.billing.domain.PartitionRange;
import dev.stallkeeper.billing.domain.SettlementPhase;
import dev.stallkeeper.billing.domain.SettlementStatement;
import dev.stallkeeper.demo.DemoKooGallery.Signing;
import dev.stallkeeper.invoicing.application.Invoices;
import dev.stallkeeper.invoicing.domain.Invoice;
import dev.stallkeeper.invoicing.domain.InvoiceDirection;
import dev.stallkeeper.invoicing.domain.InvoiceMedium;
import dev.stallkeeper.invoicing.domain.InvoiceType;
import dev.stallkeeper.notification.application.Outbox;
import dev.stallkeeper.notification.application.SentRecorder;
import dev.stallkeeper.notification.domain.OutboxMail;
import dev.stallkeeper.platform.Attachment;
import dev.stallkeeper.platform.DemoTime;
import dev.stallkeeper.platform.StallkeeperConfig;
import dev.stallkeeper.protocol.KooTime;
import dev.stallkeeper.protocol.UsagePushMessage;
import dev.stallkeeper.provisioning.application.InstanceReports;
import dev.stallkeeper.provisioning.application.OrderLines;
import dev.stallkeeper.provisioning.application.WorkRunner;
import dev.stallkeeper.provisioning.domain.OrderLineSnapshot;
import dev.stallkeeper.provisioning.domain.WorkItem;
import dev.stallkeeper.provisioning.infrastructure.ProvisioningStore;
import dev.stallkeeper.supervision.application.Supervisions;
import dev.stallkeeper.supervision.domain.Action;
import dev.stallkeeper.usage.application.ReportedUsage;
import dev.stallkeeper.usage.application.UsageQueue;
import dev.stallkeeper.usage.application.UsageReports;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * The quick start's living demo month ({@code STALLKEEPER_DEMO_DATA=true}; never on PostgreSQL: the production guard
 * refuses the setting there and {@link DemoTime} refuses to move the clock). On an empty database it replays, in time
 * order and each at its own hour, about three months of a seller's life through the application's own services:
 *
 * <ul>
 *   <li>{@value #INSTANCES} instances of four products: signed {@code newInstance} callbacks (the order lines
 *       remembered first, as Query Order would have told them, so that nothing needs KooGallery), then freezes,
 *       releases (some by unsubscribe orders, with refunds), renewals and upgrades; two orders whose details Query
 *       Order cannot give on the quick start (one still retrying, one parked after its last attempt);</li>
 *   <li>KooGallery's polling over the last 7 days, busiest in the last 24 hours, with a realistic failure mix (unknown
 *       instances, parameter errors, 000004 while an order provisions, refused signatures and stale timestamps);</li>
 *   <li>pay-per-use usage reported daily and pushed (the demo answers for KooGallery's usage API), one record parked
 *       (reported too late for KooGallery's 21-day window);</li>
 *   <li>completed settlement runs of the two months before this one (run as the settlement job runs them, step by
 *       step), with statements, worklist, a type that settles and types that carry forward;</li>
 *   <li>invoices in every state (one overdue), supervisions in every stage (one stalled), a joint-operation tenant
 *       with its org tree and users (Kit calls), e-mails parked because SMTP is not configured.</li>
 * </ul>
 *
 * <p>Deterministic: one seeded {@link Random}, times relative to the minute it loads. It loads on a thread of its own
 * right after the application has deployed (a few seconds); meanwhile requests wait at the door (web's
 * {@code DemoMonthGate}), so the first page already shows the demo and no request sees the moved clock. A database
 * with any instance is left alone (a load that was cut short is not repeated).
 */
@Singleton
@Startup
@DependsOn("SchemaMigrator")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class DemoMonth {

    private static final Logger LOG = Logger.getLogger(DemoMonth.class);

    static final long SEED = 20_260_419L;
    static final int INSTANCES = 200;
    /** Actor of the demo's console-like steps (invoices, supervisions). */
    static final String ACTOR = "demo";
    static final String SMTP_MISSING = "SMTP is not configured (STALLKEEPER_SMTP_HOST is unset): the quick start sends"
            + " no e-mail. Set STALLKEEPER_SMTP_HOST and press Retry.";

    @Resource
    ManagedExecutorService executor;

    @Inject
    StallkeeperConfig config;

    @Inject
    DemoTime time;

    @Inject
    Clock clock;

    @Inject
    DemoKooGallery kooGallery;

    @Inject
    DemoTransactions tx;

    @Inject
    InstanceReports instances;

    @Inject
    OrderLines orderLines;

    @Inject
    ProvisioningStore provisioning;

    @Inject
    WorkRunner work;

    @Inject
    UsageReports usageReports;

    @Inject
    UsageQueue usageQueue;

    @Inject
    Settlements settlements;

    @Inject
    Invoices invoices;

    @Inject
    Supervisions supervisions;

    @Inject
    Outbox outbox;

    @Inject
    SentRecorder sentRecorder;

    /** A product's SKU as the demo sells it. */
    record Sku(String productId, String productName, String skuCode, int seats, BigDecimal monthPrice) {
    }

    static final Sku STANDARD = new Sku("OFFI-DEMO", "Demo Office Suite", "SKU-STANDARD", 20, new BigDecimal("99.00"));
    static final Sku PRO = new Sku("OFFI-DEMO", "Demo Office Suite", "SKU-PRO", 100, new BigDecimal("399.00"));
    static final Sku CRM_BASIC = new Sku("CRM-DEMO", "Demo CRM", "CRM-BASIC", 10, new BigDecimal("59.00"));
    static final Sku CRM_TEAM = new Sku("CRM-DEMO", "Demo CRM", "CRM-TEAM", 50, new BigDecimal("259.00"));
    static final Sku LICENSE = new Sku("LIC-DEMO", "Demo On-Premises License", "LIC-SITE", 200, new BigDecimal("199.90"));
    static final Sku API = new Sku("API-DEMO", "Demo API Gateway", "API-METERED", 0, BigDecimal.ZERO);
    static final List<Sku> SAAS = List.of(STANDARD, PRO, CRM_BASIC, CRM_TEAM);

    static final String[] CUSTOMERS = {"Acme Trading Co., Ltd.", "Beijing Lantern Design Studio", "Chengdu Panda Logistics",
        "Dongfang Textile Group", "Everbright Dental Clinics", "Fuzhou Harbour Foods", "Golden Bridge Consulting",
        "Hangzhou West Lake Tea", "Ivy Lane Education", "Jade River Architecture", "Kunming Flower Exchange",
        "Longmen Precision Parts", "Mingde Law Office", "Nanjing Riverside Hotels", "Orient Pearl Media",
        "Peach Blossom Kindergartens", "Qingdao Brewing Supplies", "Red Lantern Restaurants", "Suzhou Silk Works",
        "Tianjin Port Services", "Unity Health Partners", "Victory Sports Clubs", "Wuhan Optics Valley Labs",
        "Xiamen Island Travel", "Yangtze Shipping Agency", "Zhengzhou Grain Traders"};

    /** One step of the replay: what happens, at what time. */
    private record Step(Instant at, int seq, String what, Runnable action) {
    }

    /** An instance of the plan. */
    private static final class Planned {
        final String id;
        final Sku sku;
        final Instant createdAt;
        final String orderId;
        final String customer;
        final boolean trial;
        final boolean yearly;
        Instant expiresAt;
        boolean queryable = true;
        boolean released;

        Planned(String id, Sku sku, Instant createdAt, String orderId, String customer, boolean trial, boolean yearly) {
            this.id = id;
            this.sku = sku;
            this.createdAt = createdAt;
            this.orderId = orderId;
            this.customer = customer;
            this.trial = trial;
            this.yearly = yearly;
        }

        BigDecimal amount() {
            if (trial) {
                return BigDecimal.ZERO;
            }
            return yearly ? sku.monthPrice().multiply(BigDecimal.TEN) : sku.monthPrice();
        }
    }

    private final List<Step> steps = new ArrayList<>();
    private final Map<String, Planned> planned = new LinkedHashMap<>();
    private final Map<String, Integer> answers = new LinkedHashMap<>();
    private final Map<String, Long> timing = new LinkedHashMap<>();
    private Random random;
    private Instant now;
    private int seq;

    @PostConstruct
    void load() {
        if (!config.demoData()) {
            return;
        }
        long existing = instances.countByState().values().stream().mapToLong(Long::longValue).sum();
        if (existing > 0) {
            LOG.debugf("Demo month not loaded: the database has %d instances", existing);
            return;
        }
        time.begin(); // from here until it has loaded, requests wait at the door (web's DemoMonthGate)
        try {
            // on a thread of its own: the services it drives hand work to other threads, which the container lets
            // into the application only once it has deployed
            executor.submit(this::replay);
        } catch (RuntimeException e) {
            time.end();
            LOG.errorf(e, "Demo month not loaded");
        }
    }

    private void replay() {
        long started = System.nanoTime();
        try {
            now = clock.instant().truncatedTo(ChronoUnit.MINUTES);
            random = new Random(SEED);
            plan();
            steps.sort(Comparator.comparing(Step::at).thenComparing(Step::seq));
            for (Step step : steps) {
                time.at(step.at());
                long t0 = System.nanoTime();
                try {
                    step.action().run();
                    timing.merge(step.what().split(" ")[0], (System.nanoTime() - t0) / 1_000_000, Long::sum);
                } catch (RuntimeException e) {
                    LOG.warnf(e, "Demo step '%s' at %s failed", step.what(), step.at());
                }
            }
        } catch (RuntimeException e) {
            LOG.errorf(e, "Demo month not loaded completely");
        } finally {
            time.end();
        }
        LOG.infof("Demo month loaded in %d ms: %d steps, instances %s, callback answers %s",
                (System.nanoTime() - started) / 1_000_000, steps.size(), instances.countByState(), answers);
        LOG.debugf("Demo month, milliseconds by kind of step: %s", timing);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // the plan

    private void plan() {
        planInstances();
        planPolling();
        planUsage();
        planSupervisions();
        planKit();
        planSettlements();
        planInvoices();
    }

    private Instant daysAgo(double days) {
        return now.minusSeconds(Math.round(days * 86_400));
    }

    private void at(Instant at, String what, Runnable action) {
        steps.add(new Step(at, seq++, what, action));
    }

    private Instant between(Instant from, Instant to) {
        long span = Math.max(1, to.getEpochSecond() - from.getEpochSecond());
        return from.plusSeconds((long) (random.nextDouble() * span)).truncatedTo(ChronoUnit.SECONDS);
    }

    private String customer() {
        return CUSTOMERS[random.nextInt(CUSTOMERS.length)];
    }

    private Planned instance(String id, Sku sku, Instant createdAt, boolean trial, boolean yearly) {
        String orderId = "CS" + String.format("%014d", 10_000_000L + planned.size() * 7919L);
        Planned p = new Planned(id, sku, createdAt, orderId, customer(), trial, yearly);
        p.expiresAt = createdAt.plus(trial ? Duration.ofDays(14) : Duration.ofDays(yearly ? 365 : 31));
        planned.put(id, p);
        at(createdAt, "newInstance " + id, () -> newInstance(p));
        return p;
    }

    /**
     * 200 instances: the README's three, 12 licences (supervised), 10 pay-per-use, 2 that Query Order cannot describe
     * and 173 subscriptions of two SaaS products; 20 end frozen, 16 released.
     */
    private void planInstances() {
        instance("demo-active-1", STANDARD, daysAgo(40), false, true);
        instance("demo-active-2", PRO, daysAgo(20), false, false);
        Planned frozen = instance("demo-frozen-1", STANDARD, daysAgo(50), false, false);
        at(daysAgo(3), "freeze demo-frozen-1", () -> status(frozen, "FREEZE"));
        for (int i = 1; i <= 12; i++) {
            instance(String.format("demo-lic-%02d", i), LICENSE, daysAgo(75 - i * 1.5), false, true);
        }
        for (int i = 1; i <= 10; i++) {
            instance(String.format("demo-api-%02d", i), API, daysAgo(60 - i * 3), false, false);
        }
        List<Planned> rest = new ArrayList<>();
        for (int i = 1; i <= 173; i++) {
            // a third of the orders in the last week, the others over the three months before
            Instant created = random.nextInt(3) == 0 ? between(daysAgo(7), daysAgo(0.1)) : between(daysAgo(92), daysAgo(7));
            Sku sku = SAAS.get(random.nextInt(SAAS.size()));
            boolean trial = i % 20 == 0;
            rest.add(instance(String.format("demo-%03d", i), sku, created, trial, !trial && random.nextInt(4) == 0));
        }
        // lifecycle: 19 more freezes, 16 releases (4 by unsubscribe orders), 15 renewals, 6 upgrades, 3 thawed
        List<Planned> paid = rest.stream().filter(p -> !p.trial).toList();
        int n = 0;
        for (Planned p : paid) {
            Instant after = later(p.createdAt, daysAgo(7));
            if (n < 19) {
                at(between(after, daysAgo(0.05)), "freeze " + p.id, () -> status(p, "FREEZE"));
            } else if (n < 35) {
                boolean unsubscribe = n < 23;
                p.queryable = false;
                p.released = true;
                at(between(after, daysAgo(0.05)), "release " + p.id, () -> release(p, unsubscribe));
            } else if (n < 50) {
                at(between(later(p.createdAt, daysAgo(30)), daysAgo(0.05)), "renew " + p.id, () -> renew(p));
            } else if (n < 56 && p.sku == STANDARD) {
                at(between(after, daysAgo(0.05)), "upgrade " + p.id, () -> upgrade(p));
            } else if (n >= 56 && n < 59) {
                Instant frozenAt = between(after, daysAgo(1));
                at(frozenAt, "freeze " + p.id, () -> status(p, "FREEZE"));
                at(between(frozenAt.plusSeconds(3600), daysAgo(0.05)), "unfreeze " + p.id, () -> status(p, "UNFREEZE"));
            }
            n++;
        }
        // orders whose details only Query Order has: no KooGallery on the quick start
        Planned parked = new Planned("demo-failed-1", STANDARD, daysAgo(4), "CS00000099990001", customer(), false, false);
        parked.queryable = false;
        planned.put(parked.id, parked);
        at(parked.createdAt, "newInstance without order details " + parked.id, () -> unknownOrder(parked, true));
        Planned pending = new Planned("demo-pending-1", PRO, daysAgo(0.02), "CS00000099990002", customer(), false, false);
        pending.queryable = false;
        planned.put(pending.id, pending);
        at(pending.createdAt, "newInstance without order details " + pending.id, () -> unknownOrder(pending, false));
        for (int i = 1; i <= 3; i++) { // KooGallery asks after it
            at(pending.createdAt.plusSeconds(20L * i), "queryInstance " + pending.id, () -> query(List.of(pending.id)));
        }
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    /** KooGallery's polling: every hour of the last 7 days, busiest in the last 24 hours, with its failures. */
    private void planPolling() {
        for (int h = 0; h < 168; h++) {
            Instant hourStart = now.minus(h + 1L, ChronoUnit.HOURS);
            int calls = h < 24 ? 5 + random.nextInt(6) : 1 + random.nextInt(3);
            for (int c = 0; c < calls; c++) {
                Instant at = between(hourStart, hourStart.plus(59, ChronoUnit.MINUTES));
                List<String> ids = new ArrayList<>();
                int wanted = 1 + random.nextInt(4);
                List<Planned> live = planned.values().stream()
                        .filter(p -> p.queryable && p.createdAt.plusSeconds(300).isBefore(at)).toList();
                for (int k = 0; k < wanted && !live.isEmpty(); k++) {
                    String id = live.get(random.nextInt(live.size())).id;
                    if (!ids.contains(id)) {
                        ids.add(id);
                    }
                }
                if (!ids.isEmpty()) {
                    at(at, "queryInstance", () -> query(ids));
                }
            }
        }
        // what fails: unknown instances (000003), parameter errors (000002), refused calls (never counted)
        for (int i = 1; i <= 5; i++) {
            String id = "demo-unknown-" + i;
            at(between(daysAgo(7), now), "queryInstance of an unknown instance", () -> query(List.of(id)));
        }
        List<Planned> active = planned.values().stream().filter(p -> p.queryable && p.createdAt.isBefore(daysAgo(8))).toList();
        for (int i = 0; i < 3; i++) {
            Planned p = active.get(random.nextInt(active.size()));
            at(between(daysAgo(7), now), "updateInstanceStatus with an unknown status", () -> status(p, "SUSPEND"));
        }
        for (int i = 0; i < 2; i++) {
            Planned p = active.get(random.nextInt(active.size()));
            at(between(daysAgo(7), now), "refreshInstance with a malformed expireTime", () -> {
                ObjectNode body = DemoKooGallery.body("refreshInstance");
                body.put("instanceId", p.id).put("orderId", p.orderId + "R").put("orderLineId", p.orderId + "R-000001")
                        .put("scene", "RENEWAL").put("expireTime", "2026-13-01");
                send(body, Signing.VALID);
            });
        }
        for (int i = 0; i < 6; i++) {
            Planned p = active.get(random.nextInt(active.size()));
            Signing signing = i < 4 ? Signing.WRONG_SIGNATURE : Signing.STALE_TIMESTAMP;
            at(between(daysAgo(7), now), "queryInstance, " + signing, () -> {
                ObjectNode body = DemoKooGallery.body("queryInstance");
                body.put("instanceId", p.id);
                send(body, signing);
            });
        }
    }

    /** Daily usage of the pay-per-use instances over the last 10 days, pushed the next night; one record too late. */
    private void planUsage() {
        List<Planned> api = planned.values().stream().filter(p -> p.sku == API).toList();
        LocalDate today = LocalDate.ofInstant(now, BillingPeriod.ZONE);
        for (int d = 10; d >= 1; d--) {
            Instant dayStart = today.minusDays(d).atStartOfDay(BillingPeriod.ZONE).toInstant();
            Instant reportAt = dayStart.plus(Duration.ofHours(24)).plusSeconds(300);
            List<ReportedUsage> records = new ArrayList<>();
            for (Planned p : api) {
                if (!p.createdAt.isBefore(dayStart)) {
                    continue;
                }
                String value = Integer.toString(2 + random.nextInt(19));
                Instant begin = dayStart.plus(Duration.ofHours(8));
                records.add(new ReportedUsage("usage-" + p.id + "-" + (10 - d), p.id, "hour", value,
                        begin.toString(), begin.plus(Duration.ofHours(10)).toString(), null));
            }
            if (!reportAt.isBefore(now)) {
                continue;
            }
            at(reportAt, "usage report", () -> usageReports.report(records));
            Instant pushAt = reportAt.plus(Duration.ofMinutes(85));
            if (pushAt.isBefore(now)) {
                at(pushAt, "usage push", this::pushUsage);
            }
        }
        Planned late = api.get(0);
        Instant begin = daysAgo(23).truncatedTo(ChronoUnit.HOURS);
        at(daysAgo(2), "usage reported too late", () -> usageReports.report(List.of(new ReportedUsage(
                "usage-" + late.id + "-late", late.id, "hour", "3", begin.toString(),
                begin.plus(Duration.ofHours(3)).toString(), null))));
        at(daysAgo(2).plus(Duration.ofHours(2)), "usage push", this::pushUsage);
    }

    /** Nine licences, one supervision in each stage; the confirmed one has not moved for 9 days (stalled). */
    private void planSupervisions() {
        Attachment report = new Attachment("acceptance-report.pdf", "application/pdf", pdf("Acceptance report"));
        Object[][] stories = {
            {"demo-lic-01", new double[] {2}},
            {"demo-lic-02", new double[] {12, 9}},
            {"demo-lic-03", new double[] {6, -4}},
            {"demo-lic-04", new double[] {15, 13, 3}},
            {"demo-lic-05", new double[] {20, 18, 15, 2}},
            {"demo-lic-06", new double[] {14, 12, 10, 3, 0.04}},
            {"demo-lic-07", new double[] {16, 14, 12, 5, -2}},
            {"demo-lic-08", new double[] {18, 16, 14, 8, -6, 1}},
            {"demo-lic-09", new double[] {50, 48, 45, 40, 38}},
        };
        for (Object[] story : stories) {
            Planned p = planned.get((String) story[0]);
            double[] days = (double[]) story[1];
            long[] id = new long[1];
            at(daysAgo(days[0]), "supervision opened for " + p.id, () -> id[0] = supervisions.open(p.orderId,
                    p.orderId + "-000001", List.of("HW-" + p.id.toUpperCase()), ACTOR).id());
            for (int s = 1; s < days.length; s++) {
                double d = days[s];
                Action action = switch (s) {
                    case 1 -> d < 0 ? Action.REJECT_REQUIREMENT : Action.CONFIRM_REQUIREMENT;
                    case 2 -> Action.START_DELIVERY;
                    case 3 -> Action.DELIVER;
                    case 4 -> d < 0 ? Action.CUSTOMER_REJECT : Action.CUSTOMER_ACCEPT;
                    default -> Action.APPEAL;
                };
                Supervisions.StepInput input = switch (action) {
                    case REJECT_REQUIREMENT -> new Supervisions.StepInput("the hardware code does not match the server",
                            null, null, null);
                    case DELIVER -> new Supervisions.StepInput(null, null, report, null);
                    case CUSTOMER_REJECT -> new Supervisions.StepInput("two modules were not installed", null, null, null);
                    case APPEAL -> new Supervisions.StepInput("every module was installed as ordered", null, null, null);
                    default -> Supervisions.StepInput.none();
                };
                at(daysAgo(Math.abs(d)), action + " " + p.id, () -> supervisions.act(id[0], action, input, ACTOR));
            }
        }
        // the clock's step: accepted 38 days ago, completed 3 hours later
        at(daysAgo(38).plus(Duration.ofHours(4)), "supervisions completed", () -> supervisions.completeDue(50));
    }

    /** A joint-operation tenant of demo-active-2: its tenant, org tree and users, by Kit calls. */
    private void planKit() {
        Planned p = planned.get("demo-active-2");
        String tenant = "demo-tenant-acme";
        at(daysAgo(19), "tenantSync", () -> {
            ObjectNode body = DemoKooGallery.body("tenantSync");
            body.remove("activity");
            body.put("instanceId", p.id).put("orderId", p.orderId).put("tenantId", tenant).put("tenantCode", "acme")
                    .put("name", "Acme Trading Co., Ltd.").put("domainName", "https://idaas.example.com").put("flag", "1");
            kit("tenantSync", body);
        });
        at(daysAgo(19).plusSeconds(40), "allOrgSync", () -> {
            ObjectNode body = DemoKooGallery.body("allOrgSync");
            body.remove("activity");
            body.put("instanceId", p.id).put("tenantId", tenant);
            ArrayNode orgs = body.putArray("orgInfoList");
            String[][] tree = {{"ACME", "Acme Trading", ""}, {"ACME-SALES", "Sales", "ACME"},
                {"ACME-SALES-N", "Sales North", "ACME-SALES"}, {"ACME-SALES-S", "Sales South", "ACME-SALES"},
                {"ACME-FIN", "Finance", "ACME"}, {"ACME-IT", "IT", "ACME"}};
            for (String[] o : tree) {
                orgs.addObject().put("orgCode", o[0]).put("orgName", o[1]).put("parentCode", o[2]);
            }
            kit("allOrgSync", body);
        });
        at(daysAgo(19).plusSeconds(80), "authSync", () -> {
            ObjectNode body = DemoKooGallery.body("authSync");
            body.remove("activity");
            body.put("instanceId", p.id).put("tenantId", tenant).put("appId", "demo-app-office").put("flag", "1");
            ArrayNode users = body.putArray("userList");
            String[][] people = {{"li.wei", "Li Wei", "ACME"}, {"wang.fang", "Wang Fang", "ACME-SALES"},
                {"zhang.min", "Zhang Min", "ACME-SALES-N"}, {"chen.jie", "Chen Jie", "ACME-SALES-S"},
                {"liu.yang", "Liu Yang", "ACME-FIN"}, {"zhao.lei", "Zhao Lei", "ACME-IT"}};
            for (String[] u : people) {
                users.addObject().put("userName", u[0]).put("name", u[1]).put("orgCode", u[2])
                        .put("email", u[0] + "@acme.example.com").put("enable", "true");
            }
            kit("authSync", body);
        });
        at(daysAgo(6), "singleOrgSync", () -> {
            ObjectNode body = DemoKooGallery.body("singleOrgSync");
            body.remove("activity");
            body.put("instanceId", p.id).put("tenantId", tenant).put("orgCode", "ACME-LEGAL").put("orgName", "Legal")
                    .put("parentCode", "ACME").put("flag", "1");
            kit("singleOrgSync", body);
        });
    }

    /** The settlement of the month before last and of last month, on the 3rd at 02:00 Beijing time (or before now). */
    private void planSettlements() {
        BillingPeriod last = BillingPeriod.containing(now).previous();
        BillingPeriod before = last.previous();
        at(runTime(before), "settlement " + before, () -> settle(before));
        at(runTime(last), "settlement " + last, () -> settle(last));
    }

    private Instant runTime(BillingPeriod period) {
        Instant scheduled = YearMonth.from(period.month()).plusMonths(1).atDay(3).atTime(2, 0)
                .atZone(BillingPeriod.ZONE).toInstant();
        Instant latest = now.minusSeconds(120);
        if (scheduled.isBefore(latest)) {
            return scheduled;
        }
        // the first days of a month: last month is settled just after it ended
        Instant end = period.end();
        return latest.isAfter(end) ? latest : end.plus(Duration.between(end, now).dividedBy(2));
    }

    /** Invoices in every state; the old pending one is overdue. */
    private void planInvoices() {
        List<Planned> buyers = planned.values().stream()
                .filter(p -> !p.trial && !p.released && p.sku != API && p.sku != LICENSE && p.queryable
                        && p.createdAt.isBefore(daysAgo(35)))
                .toList();
        Attachment pdf = new Attachment("invoice.pdf", "application/pdf", pdf("Invoice"));
        Planned[] b = new Planned[8];
        for (int i = 0; i < b.length; i++) {
            b[i] = buyers.get(i * buyers.size() / b.length);
        }
        invoice(b[0], InvoiceMedium.ELECTRONIC, 9, null);                               // PENDING, overdue
        invoice(b[1], InvoiceMedium.PAPER, 1, null);                                    // PENDING
        invoice(b[2], InvoiceMedium.ELECTRONIC, 6, id -> {                               // ISSUED, its e-mail parked
            at(daysAgo(5), "invoice issued", () -> invoices.issue(id[0], "DEMO-" + day(5).getYear() + "-0103", day(5), pdf, ACTOR));
            at(daysAgo(5).plusSeconds(60), "invoice e-mail queued", () -> invoices.email(id[0], ACTOR));
            at(daysAgo(5).plusSeconds(90), "invoice e-mail: no SMTP", this::parkMail);
        });
        invoice(b[3], InvoiceMedium.PAPER, 20, id -> {                                  // MAILED
            at(daysAgo(18), "invoice issued", () -> invoices.issue(id[0], "DEMO-" + day(18).getYear() + "-0071", day(18), pdf, ACTOR));
            at(daysAgo(17), "invoice mailed", () -> invoices.mail(id[0], "SF Express", "SF1234567890123", ACTOR));
        });
        invoice(b[4], InvoiceMedium.ELECTRONIC, 25, id -> {                              // EMAILED
            at(daysAgo(24), "invoice issued", () -> invoices.issue(id[0], "DEMO-" + day(24).getYear() + "-0064", day(24), pdf, ACTOR));
            at(daysAgo(24).plusSeconds(60), "invoice e-mailed", () -> {
                invoices.email(id[0], ACTOR);
                // the one e-mail that went out: the demo stands in for an SMTP server once
                outbox.claimDue(10).forEach(sentRecorder::sent);
            });
        });
        invoice(b[5], InvoiceMedium.FULLY_DIGITAL, 10, id ->                             // REJECTED
                at(daysAgo(8), "invoice rejected", () -> invoices.reject(id[0],
                        "the tax id does not match the company name; please check and ask again", ACTOR)));
        invoice(b[6], InvoiceMedium.PAPER, 30, id -> {                                  // RETURNED
            at(daysAgo(29), "invoice issued", () -> invoices.issue(id[0], "DEMO-" + day(29).getYear() + "-0042", day(29), pdf, ACTOR));
            at(daysAgo(28), "invoice mailed", () -> invoices.mail(id[0], "EMS", "EA123456789CN", ACTOR));
            at(daysAgo(10), "invoice returned", () -> invoices.returned(id[0], "returned before unsubscribing", ACTOR));
        });
        invoice(b[7], InvoiceMedium.ELECTRONIC, 3, id -> {                               // ISSUED, its e-mail parked
            at(daysAgo(2), "invoice issued", () -> invoices.issue(id[0], "DEMO-" + day(2).getYear() + "-0110", day(2), pdf, ACTOR));
            at(daysAgo(2).plusSeconds(60), "invoice e-mail queued", () -> invoices.email(id[0], ACTOR));
            at(daysAgo(2).plusSeconds(90), "invoice e-mail: no SMTP", this::parkMail);
        });
    }

    private LocalDate day(double daysAgo) {
        return LocalDate.ofInstant(daysAgo(daysAgo), BillingPeriod.ZONE);
    }

    private void invoice(Planned p, InvoiceMedium medium, double requestedDaysAgo, Consumer<long[]> then) {
        long[] id = new long[1];
        at(daysAgo(requestedDaysAgo), "invoice requested for " + p.orderId, () -> {
            BigDecimal amount = invoices.paidAmount(p.orderId).orElse(p.amount());
            id[0] = invoices.request(new Invoice.Request(InvoiceDirection.TO_CUSTOMER, p.orderId, null, p.customer,
                    "91310000MA1K" + String.format("%06d", Math.abs(p.orderId.hashCode()) % 1_000_000),
                    InvoiceType.ORDINARY, medium, medium == InvoiceMedium.PAPER ? "1 Demo Road, Shanghai" : null,
                    medium == InvoiceMedium.PAPER ? null : "finance@" + p.id + ".example.com", amount),
                    clock.instant(), ACTOR).id();
        });
        if (then != null) {
            then.accept(id);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // the steps

    private void send(ObjectNode body, Signing signing) {
        String code = kooGallery.produce(body, random, signing);
        answers.merge(body.path("activity").asText() + " " + code, 1, Integer::sum);
    }

    private void kit(String name, ObjectNode body) {
        String code = kooGallery.kit(name, body, random);
        answers.merge(name + " " + code, 1, Integer::sum);
        if (!"000000".equals(code)) {
            LOG.warnf("Demo %s answered %s", name, code);
        }
    }

    /** The order line as Query Order would describe it, then KooGallery's thin newInstance. */
    private void newInstance(Planned p) {
        boolean payPerUse = p.sku == API;
        remember(p.orderId, p.orderId + "-000001", p.trial ? "TRIAL" : "NEW", p.sku, payPerUse ? null : p.expiresAt,
                p.amount(), p.customer, payPerUse);
        ObjectNode body = DemoKooGallery.body("newInstance");
        body.put("orderId", p.orderId).put("orderLineId", p.orderId + "-000001").put("businessId", p.id);
        if (payPerUse) {
            body.put("productId", p.sku.productId());
        }
        send(body, Signing.VALID);
    }

    private void remember(String orderId, String orderLineId, String orderType, Sku sku, Instant expires,
                          BigDecimal amount, String customer, boolean payPerUse) {
        Instant t = clock.instant();
        orderLines.remember(new OrderLineSnapshot(new OrderLineSnapshot.Key(orderId, orderLineId), orderType,
                payPerUse ? "ON_DEMAND" : "PERIOD", sku.productId(), sku.skuCode(), sku.productName(),
                payPerUse ? null : sku.seats(), payPerUse ? null : "month", payPerUse ? null : 1, expires,
                amount, "CNY", "cust-" + Integer.toHexString(customer.hashCode()), customer, t,
                "{\"source\":\"demo\",\"orderId\":\"" + orderId + "\"}", t));
    }

    /** A newInstance whose order Query Order cannot describe here; the attempts fail until the work is parked. */
    private void unknownOrder(Planned p, boolean untilParked) {
        ObjectNode body = DemoKooGallery.body("newInstance");
        body.put("orderId", p.orderId).put("orderLineId", p.orderId + "-000001").put("businessId", p.id);
        send(body, Signing.VALID);
        if (!untilParked) {
            return;
        }
        for (int attempt = 0; attempt < config.provisioningMaxAttempts() + 2; attempt++) {
            WorkItem item = tx.inNew(() -> provisioning.lockWork(p.id, WorkItem.Kind.PROVISION)).orElse(null);
            if (item == null || item.status() != WorkItem.Status.PENDING) {
                return;
            }
            if (item.nextAttemptAt().isAfter(clock.instant())) {
                time.at(item.nextAttemptAt().plusSeconds(1));
            }
            work.runOnce(item.id());
            // KooGallery asks again meanwhile
            query(List.of(p.id));
        }
    }

    private void query(List<String> ids) {
        ObjectNode body = DemoKooGallery.body("queryInstance");
        body.put("instanceId", String.join(",", ids));
        send(body, Signing.VALID);
    }

    private void status(Planned p, String status) {
        ObjectNode body = DemoKooGallery.body("updateInstanceStatus");
        body.put("instanceId", p.id).put("status", status);
        send(body, Signing.VALID);
    }

    private void release(Planned p, boolean unsubscribe) {
        ObjectNode body = DemoKooGallery.body("releaseInstance");
        body.put("instanceId", p.id);
        if (unsubscribe) {
            String order = p.orderId + "U";
            BigDecimal refund = p.amount().divide(BigDecimal.valueOf(2), 2, RoundingMode.HALF_UP);
            remember(order, order + "-000001", "UNSUBSCRIBE", p.sku, clock.instant(), refund, p.customer, false);
            body.put("orderId", order).put("orderLineId", order + "-000001");
        }
        send(body, Signing.VALID);
    }

    private void renew(Planned p) {
        String order = p.orderId + "R";
        Instant expires = p.expiresAt.plus(Duration.ofDays(p.yearly ? 365 : 31));
        remember(order, order + "-000001", "RENEW", p.sku, expires, p.amount(), p.customer, false);
        ObjectNode body = DemoKooGallery.body("refreshInstance");
        body.put("instanceId", p.id).put("orderId", order).put("orderLineId", order + "-000001").put("scene", "RENEWAL")
                .put("expireTime", KooTime.format14(expires));
        send(body, Signing.VALID);
        p.expiresAt = expires;
    }

    private void upgrade(Planned p) {
        String order = p.orderId + "C";
        remember(order, order + "-000001", "UPGRADE", PRO, p.expiresAt, PRO.monthPrice().subtract(STANDARD.monthPrice()),
                p.customer, false);
        ObjectNode body = DemoKooGallery.body("upgradeInstance");
        body.put("instanceId", p.id).put("orderId", order).put("orderLineId", order + "-000001");
        send(body, Signing.VALID);
    }

    /** The usage push as the job runs it; the demo answers for KooGallery's usage API (everything taken). */
    private void pushUsage() {
        UsageQueue.Claim claim = usageQueue.claim(UsagePushMessage.MAX_RECORDS);
        if (!claim.toSend().isEmpty()) {
            usageQueue.settle(claim.toSend(), new UsagePushMessage.Response(UsagePushMessage.SUCCESS, "success", List.of()));
        }
    }

    /** The settlement job's steps, in its order and transactions (prepare, accumulate, decide, settle, finish). */
    private void settle(BillingPeriod period) {
        long job = -period.id(); // not one of JBeret's ids (they are positive)
        if (settlements.prepare(period, job, job, config.nodeId()) == Settlements.Preparation.ALREADY_SETTLED) {
            return;
        }
        List<PartitionRange> ranges = settlements.partitions(period, job);
        for (SettlementPhase phase : List.of(SettlementPhase.ACCUMULATE, SettlementPhase.SETTLE)) {
            if (phase == SettlementPhase.SETTLE) {
                settlements.decide(period, job);
            }
            for (PartitionRange r : ranges) {
                long from = settlements.position(phase, period, job, r.partition());
                if (from < r.toId()) {
                    tx.inNew(() -> phase == SettlementPhase.ACCUMULATE
                            ? settlements.accumulate(period, job, r.partition(), from + 1, r.toId())
                            : settlements.settle(period, job, r.partition(), from + 1, r.toId()));
                }
            }
        }
        settlements.finish(period, job);
        for (SettlementStatement s : settlements.statements(period)) {
            LOG.debugf("Demo settlement %s: %s", period, s.decision());
        }
    }

    /** E-mails due now find no SMTP server: each attempt fails with the reason until the outbox parks it. */
    private void parkMail() {
        for (int round = 0; round < 3 * (config.mailMaxAttempts() + 1); round++) {
            List<Outbox.Claim> due = outbox.claimDue(10);
            if (due.isEmpty()) {
                List<OutboxMail> pending = outbox.recent(50).stream()
                        .filter(m -> m.status() == OutboxMail.Status.PENDING).toList();
                if (pending.isEmpty()) {
                    return;
                }
                Instant next = pending.stream().map(OutboxMail::nextAttemptAt).min(Comparator.naturalOrder()).orElseThrow();
                time.at(next.plusSeconds(1));
                continue;
            }
            due.forEach(c -> outbox.recordFailure(c.id(), c.attempt(), SMTP_MISSING));
        }
    }

    private static byte[] pdf(String title) {
        return ("%PDF-1.4\n% Stallkeeper demo: " + title + "\n%%EOF\n").getBytes(StandardCharsets.US_ASCII);
    }
}
