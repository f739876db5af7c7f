package dev.stallkeeper.it.clock;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The one clock of the tests: "now" for every date a test derives (the current and previous billing period, a
 * 7-day invoice deadline, a 5-day stalled supervision, the 21-day usage window, retention, the times callbacks are
 * signed with), never a literal.
 *
 * <p>As a JUnit extension, registered after {@code ArquillianExtension} on a test class, it pins the clock of the
 * deployment under test (through {@link TestClockResource}) and of this JVM to the instant named by the system
 * property {@code it.clock} when the class starts: the pinned runs of the date-sensitive tests (it/pom.xml) set it
 * to instants that are hard for calendars, such as 23:59:30 on the last day of a month in Beijing. Without the
 * property the clock is the real one. Either way the clock keeps running from there.
 */
public final class TestClock implements BeforeAllCallback, AfterAllCallback {

    public static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter PERIOD = DateTimeFormatter.ofPattern("yyyyMM");

    /** This JVM's view of the server's clock: the system clock plus the offset the server applied. */
    public static final ShiftedClock CLOCK = ShiftedClock.INSTANCE;

    /** The instant the pinned runs start the clock at ({@code -Dit.clock=2027-01-31T15:59:30Z}), if any. */
    public static Optional<Instant> pinned() {
        String value = System.getProperty("it.clock", "").trim();
        return value.isEmpty() ? Optional.empty() : Optional.of(Instant.parse(value));
    }

    public static Instant now() {
        return CLOCK.instant();
    }

    public static long millis() {
        return CLOCK.millis();
    }

    /** Today in Beijing (KooGallery's and the seller's calendar). */
    public static LocalDate beijingToday() {
        return now().atZone(BEIJING).toLocalDate();
    }

    /** The billing period (Beijing month) that is running now. */
    public static YearMonth currentPeriod() {
        return YearMonth.from(now().atZone(BEIJING));
    }

    /** {@code yyyyMM} of the period {@code monthsBack} months before the current one (0: the current one). */
    public static String period(int monthsBack) {
        return currentPeriod().minusMonths(monthsBack).format(PERIOD);
    }

    /** Sets the server's clock (and this JVM's) to read {@code at} now. */
    public static void set(Instant at) {
        CLOCK.offsetMillis(Long.parseLong(call("PUT", at.toString()).trim()));
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        set(pinned().orElseGet(Instant::now));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        // the deployment (and its shifted clock) goes with the class; the next class starts on the real clock
        CLOCK.offsetMillis(0);
    }

    private static String call(String method, String body) {
        URI uri = URI.create("http://127.0.0.1:" + Integer.getInteger("it.http.port") + "/api/test/clock");
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri)
                    .header("Content-Type", "text/plain; charset=UTF-8")
                    .method(method, HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("the test clock answered " + response.statusCode() + ": " + response.body()
                        + " (is the class's deployment built by Deployments.stallkeeper()?)");
            }
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
