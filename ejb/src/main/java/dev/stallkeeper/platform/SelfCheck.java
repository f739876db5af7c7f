package dev.stallkeeper.platform;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The console's self-check: does the database answer, can KooGallery's open API be reached from this node, and
 * how far is this node's clock from KooGallery's (signatures are refused outside a 60 s window).
 */
@ApplicationScoped
public class SelfCheck {

    /** Clock skew that starts to matter against the signature window. */
    static final Duration SKEW_WARNING = Duration.ofSeconds(10);

    @Resource(lookup = "java:jboss/datasources/StallkeeperDS")
    DataSource dataSource;

    @Inject
    StallkeeperConfig config;

    @Inject
    Clock clock;

    public record Check(String name, boolean ok, String detail) {
    }

    public List<Check> run() {
        List<Check> checks = new ArrayList<>();
        checks.add(database());
        checks.addAll(openApi());
        return checks;
    }

    private Check database() {
        long started = System.nanoTime();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT 1")) {
            rs.next();
            return new Check("database", true, c.getMetaData().getDatabaseProductName() + " "
                    + c.getMetaData().getDatabaseProductVersion() + ", answered in "
                    + Duration.ofNanos(System.nanoTime() - started).toMillis() + " ms");
        } catch (Exception e) {
            return new Check("database", false, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private List<Check> openApi() {
        URI base = config.apiBase();
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
        Instant sent = clock.instant();
        try {
            HttpResponse<Void> response = client.send(HttpRequest.newBuilder(base).timeout(Duration.ofSeconds(5))
                    .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
            Instant received = clock.instant();
            List<Check> out = new ArrayList<>();
            out.add(new Check("openApi", true, base + " answered HTTP " + response.statusCode() + " in "
                    + Duration.between(sent, received).toMillis() + " ms"));
            out.add(response.headers().firstValue("Date").map(date -> skew(date, sent, received))
                    .orElse(new Check("clock", true, base + " sent no Date header; clock not compared")));
            return out;
        } catch (Exception e) {
            return List.of(new Check("openApi", false, base + " not reachable: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage())),
                    new Check("clock", false, "not compared (open API not reachable)"));
        }
    }

    static Check skew(String dateHeader, Instant sent, Instant received) {
        Instant theirs = ZonedDateTime.parse(dateHeader, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        Instant ours = sent.plus(Duration.between(sent, received).dividedBy(2));
        // HTTP dates have whole seconds: up to 1 s of the difference is rounding
        long skew = Duration.between(theirs, ours).toMillis();
        boolean ok = Math.abs(skew) < SKEW_WARNING.toMillis() + 1000;
        return new Check("clock", ok, "this node is " + Math.abs(skew) + " ms " + (skew >= 0 ? "ahead of" : "behind")
                + " the open API (signatures allow " + "60 s" + ")");
    }
}
