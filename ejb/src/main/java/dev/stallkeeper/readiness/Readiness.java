package dev.stallkeeper.readiness;

import dev.stallkeeper.audit.application.CallbackStatistics;
import dev.stallkeeper.platform.ProductionGuard;
import dev.stallkeeper.platform.SelfCheck;
import dev.stallkeeper.platform.StallkeeperConfig;
import dev.stallkeeper.platform.config.Setting;
import dev.stallkeeper.platform.openapi.KooGalleryOpenApi;
import dev.stallkeeper.platform.openapi.QueryOrderException;
import dev.stallkeeper.protocol.order.MockOrders;
import dev.stallkeeper.readiness.ReadinessRules.QueryOrderOutcome;
import dev.stallkeeper.readiness.ReadinessRules.SmtpProbe;
import dev.stallkeeper.security.application.AdminAccounts;
import dev.stallkeeper.security.domain.AdminAccount;
import dev.stallkeeper.tenancy.application.KitSync;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * The go-live checklist: each item of {@link ReadinessRules} with what it needs found out. The three network checks
 * (Query Order, the open API's Date, the mail server) run at once, each bounded by its own timeouts and all of them
 * by {@link #NETWORK_BUDGET}: a check that has not finished by then is amber, never a hanging page.
 */
@ApplicationScoped
public class Readiness {

    /** Nonces of this server's own self-test calls start with this, so that they never count as KooGallery's. */
    public static final String SELF_TEST_NONCE_PREFIX = "stallkeeper-selftest-";
    static final Duration NETWORK_BUDGET = Duration.ofSeconds(20);
    static final Duration SMTP_TIMEOUT = Duration.ofSeconds(3);
    /** Each check of a password costs a PBKDF2 hash: at most this many accounts are tried. */
    static final int MAX_ACCOUNTS_CHECKED = 25;

    @Inject
    StallkeeperConfig config;

    @Inject
    KooGalleryOpenApi openApi;

    @Inject
    SelfCheck selfCheck;

    @Inject
    CallbackStatistics statistics;

    @Inject
    AdminAccounts accounts;

    @Inject
    KitSync kit;

    @Inject
    Clock clock;

    @Resource(lookup = "java:jboss/datasources/StallkeeperDS")
    DataSource dataSource;

    @Resource(lookup = "java:comp/DefaultManagedExecutorService")
    ManagedExecutorService executor;

    /** The checklist as of now, for a request that arrived as {@code request}. */
    public Checklist check(RequestFacts request) {
        Instant started = clock.instant();
        CompletableFuture<ReadinessItem> queryOrder = async(this::queryOrder);
        CompletableFuture<ReadinessItem> clockItem = async(() ->
                ReadinessRules.clock(selfCheck.probeOpenApi(), config.signatureWindow()));
        CompletableFuture<ReadinessItem> smtp = async(() -> ReadinessRules.smtp(config.smtpHost(), config.smtpPort(),
                config.notifyTo(), config.smtpHost().map(h -> smtpGreeting(h, config.smtpPort())).orElse(null)));
        URI publicUrl;
        ReadinessItem https;
        try {
            publicUrl = publicUrl(request);
            https = ReadinessRules.https(request, publicUrl, config.publicUrl().isPresent());
        } catch (IllegalStateException malformed) {
            publicUrl = request.derivedUrl();
            https = ReadinessRules.malformedPublicUrl(malformed.getMessage());
        }
        List<ReadinessItem> items = new ArrayList<>();
        items.add(ReadinessRules.koogalleryKey(config.koogalleryKeys()));
        items.add(ReadinessRules.kit(config.kitKeys(), config.kitPrivateKey().isPresent(),
                config.kitPrivateKey().isPresent() && kit.sellerPrivateKeyUsable()));
        items.add(await(queryOrder, "queryOrder", started));
        items.add(await(clockItem, "clock", started));
        items.add(https);
        items.add(await(smtp, "smtp", started));
        items.add(ReadinessRules.debugCall(statistics.debugCalls(started.minus(ReadinessRules.DEBUG_CALL_WINDOW),
                SELF_TEST_NONCE_PREFIX), started));
        items.add(ReadinessRules.auditRetention(config.value(Setting.STALLKEEPER_AUDIT_RETENTION_DAYS),
                config.auditRetention()));
        items.add(adminAccount());
        return new Checklist(started, publicUrl, List.copyOf(items));
    }

    /**
     * The publishing report: the checklist, then the self-test through the public address (up to 20 s a case; the
     * cases stop once the address does not answer), the outside view and the versions; {@code serverInfo} is the
     * servlet container's own description.
     */
    public Report report(RequestFacts request, String serverInfo) {
        Checklist checklist = check(request);
        List<String> keys = config.koogalleryKeys();
        SelfTest.Result selfTest = new SelfTest(SelfTest.client(), checklist.publicUrl(),
                keys.isEmpty() ? null : keys.get(0), config.signatureWindow(), config.maxBodyBytes(), clock).run();
        return new Report(PublishingReport.fileName(checklist.at()),
                PublishingReport.html(checklist, selfTest, versions(serverInfo)));
    }

    /** The report's file name (dated) and its HTML. */
    public record Report(String fileName, String html) {
    }

    List<PublishingReport.Version> versions(String serverInfo) {
        List<PublishingReport.Version> out = new ArrayList<>();
        out.add(new PublishingReport.Version("Stallkeeper", stallkeeperVersion()));
        out.add(new PublishingReport.Version("Application server", serverInfo));
        out.add(new PublishingReport.Version("Java", System.getProperty("java.vm.vendor") + " " + Runtime.version()));
        out.add(new PublishingReport.Version("Operating system", System.getProperty("os.name") + " "
                + System.getProperty("os.version") + " (" + System.getProperty("os.arch") + ")"));
        try (Connection c = dataSource.getConnection()) {
            DatabaseMetaData meta = c.getMetaData();
            out.add(new PublishingReport.Version("Database", meta.getDatabaseProductName() + " "
                    + meta.getDatabaseProductVersion()));
            out.add(new PublishingReport.Version("JDBC driver", meta.getDriverName() + " " + meta.getDriverVersion()));
        } catch (SQLException e) {
            out.add(new PublishingReport.Version("Database", "not reachable: " + e.getClass().getSimpleName()));
        }
        out.add(new PublishingReport.Version("Hibernate ORM", hibernateVersion()));
        out.add(new PublishingReport.Version("Jackson", com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION.toString()));
        return out;
    }

    private static String stallkeeperVersion() {
        try (InputStream in = Readiness.class.getResourceAsStream(
                "/META-INF/maven/dev.stallkeeper/stallkeeper-ejb/pom.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String hibernateVersion() {
        try {
            return (String) Class.forName("org.hibernate.Version").getMethod("getVersionString").invoke(null);
        } catch (ReflectiveOperationException | LinkageError e) {
            return "unknown";
        }
    }

    /**
     * STALLKEEPER_PUBLIC_URL, else the address this request was sent to.
     *
     * @throws IllegalStateException when STALLKEEPER_PUBLIC_URL is set but not scheme://host[:port]
     */
    public URI publicUrl(RequestFacts request) {
        return config.publicUrl().orElseGet(request::derivedUrl);
    }

    /** The checklist: when it was made, for which public address, its items in a fixed order. */
    public record Checklist(Instant at, URI publicUrl, List<ReadinessItem> items) {
        public long count(ReadinessItem.Status status) {
            return items.stream().filter(i -> i.status() == status).count();
        }
    }

    private ReadinessItem queryOrder() {
        URI base = config.apiBase();
        if (config.accessKeyId().isEmpty()) {
            return ReadinessRules.queryOrder(new QueryOrderOutcome(base, "KOOGALLERY_AK", false, null, null));
        }
        if (config.secretAccessKey().isEmpty()) {
            return ReadinessRules.queryOrder(new QueryOrderOutcome(base, "KOOGALLERY_SK", false, null, null));
        }
        try {
            // KooGallery's documented mock order for debugging: MKT.0000 when the AK/SK signature passes
            openApi.queryOrder(MockOrders.PERIOD_YEAR_NEW, MockOrders.PERIOD_YEAR_NEW + MockOrders.ORDER_LINE_SUFFIX);
            return ReadinessRules.queryOrder(new QueryOrderOutcome(base, null, true, "MKT.0000", null));
        } catch (QueryOrderException e) {
            String error = e.getCause() instanceof IOException io ? "unreachable (" + io.getClass().getSimpleName() + ")"
                    : e.getMessage();
            return ReadinessRules.queryOrder(new QueryOrderOutcome(base, null, false, e.resultCode(), error));
        }
    }

    private ReadinessItem adminAccount() {
        char[] demo = ProductionGuard.demoValue(Setting.STALLKEEPER_ADMIN_PASSWORD.envName()).orElseThrow().toCharArray();
        int enabled = (int) Math.min(MAX_ACCOUNTS_CHECKED, accounts.list().stream().filter(AdminAccount::enabled).count());
        return ReadinessRules.adminAccount(accounts.enabledAccountsAccepting(demo, MAX_ACCOUNTS_CHECKED), enabled);
    }

    /** Connects and reads the greeting line (3 s each), then says QUIT. */
    static SmtpProbe smtpGreeting(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), (int) SMTP_TIMEOUT.toMillis());
            socket.setSoTimeout((int) SMTP_TIMEOUT.toMillis());
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            String greeting = in.readLine();
            OutputStream out = socket.getOutputStream();
            out.write("QUIT\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return new SmtpProbe(greeting == null ? "" : greeting.length() > 120 ? greeting.substring(0, 120) : greeting,
                    null);
        } catch (IOException | RuntimeException e) {
            return new SmtpProbe(null, e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }
    }

    private CompletableFuture<ReadinessItem> async(Supplier<ReadinessItem> check) {
        return CompletableFuture.supplyAsync(check, executor);
    }

    private ReadinessItem await(CompletableFuture<ReadinessItem> check, String id, Instant started) {
        Duration left = NETWORK_BUDGET.minus(Duration.between(started, clock.instant()));
        try {
            return check.get(Math.max(1, left.toMillis()), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            check.cancel(true);
            return ReadinessItem.amber(id, "Not checked: no answer within " + NETWORK_BUDGET.toSeconds() + " s.",
                    "Try again; if it persists, check this node's network access to the address concerned.");
        } catch (ExecutionException e) {
            return ReadinessItem.amber(id, "Not checked: " + e.getCause().getClass().getSimpleName()
                    + (e.getCause().getMessage() == null ? "" : ": " + e.getCause().getMessage()), "Try again.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ReadinessItem.amber(id, "Not checked: interrupted.", "Try again.");
        }
    }
}
