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
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
        OpenApiProbe probe = probeOpenApi();
        if (probe.error() != null) {
            return List.of(new Check("openApi", false, probe.base() + " not reachable: " + probe.error()),
                    new Check("clock", false, "not compared (open API not reachable)"));
        }
        return List.of(new Check("openApi", true, probe.base() + " answered HTTP " + probe.status() + " in "
                        + probe.elapsed().toMillis() + " ms"),
                probe.skew().map(SelfCheck::skew).orElse(new Check("clock", true, probe.base()
                        + " sent no usable Date header; clock not compared")));
    }

    /**
     * One HEAD request to the open API's base address (3 s to connect, 5 s to answer): its status and Date header, or
     * why it could not be sent ({@code error}, then the rest is empty).
     */
    public record OpenApiProbe(URI base, int status, String dateHeader, Instant sent, Instant received, String error) {
        public Duration elapsed() {
            return sent == null || received == null ? Duration.ZERO : Duration.between(sent, received);
        }

        /** This node's clock minus KooGallery's Date (HTTP dates have whole seconds), empty when not compared. */
        public Optional<Duration> skew() {
            if (dateHeader == null || sent == null || received == null) {
                return Optional.empty();
            }
            try {
                Instant theirs = ZonedDateTime.parse(dateHeader, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                return Optional.of(Duration.between(theirs, sent.plus(elapsed().dividedBy(2))));
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        }
    }

    public OpenApiProbe probeOpenApi() {
        URI base = config.apiBase();
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
        Instant sent = clock.instant();
        try {
            HttpResponse<Void> response = client.send(HttpRequest.newBuilder(base).timeout(Duration.ofSeconds(5))
                    .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
            return new OpenApiProbe(base, response.statusCode(), response.headers().firstValue("Date").orElse(null),
                    sent, clock.instant(), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new OpenApiProbe(base, -1, null, null, null, "interrupted");
        } catch (Exception e) {
            return new OpenApiProbe(base, -1, null, null, null, e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }
    }

    static Check skew(Duration skew) {
        // HTTP dates have whole seconds: up to 1 s of the difference is rounding
        long millis = skew.toMillis();
        boolean ok = Math.abs(millis) < SKEW_WARNING.toMillis() + 1000;
        return new Check("clock", ok, "this node is " + Math.abs(millis) + " ms " + (millis >= 0 ? "ahead of" : "behind")
                + " the open API (signatures allow " + "60 s" + ")");
    }
}
