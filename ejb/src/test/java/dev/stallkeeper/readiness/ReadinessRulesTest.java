package dev.stallkeeper.readiness;

import static dev.stallkeeper.readiness.ReadinessItem.Status.AMBER;
import static dev.stallkeeper.readiness.ReadinessItem.Status.GREEN;
import static dev.stallkeeper.readiness.ReadinessItem.Status.RED;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stallkeeper.audit.application.CallbackStatistics.DebugCalls;
import dev.stallkeeper.platform.SelfCheck.OpenApiProbe;
import dev.stallkeeper.platform.StallkeeperConfig;
import dev.stallkeeper.platform.config.Setting;
import dev.stallkeeper.readiness.ReadinessRules.QueryOrderOutcome;
import dev.stallkeeper.readiness.ReadinessRules.SmtpProbe;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Each checklist item's decision, from controlled inputs (no server, no network; the clock is a fixed instant). */
class ReadinessRulesTest {

    private static final Instant NOW = Instant.parse("2031-05-17T08:30:00Z");
    private static final URI API = URI.create("https://mkt.myhuaweicloud.com");
    private static final Duration WINDOW = Duration.ofSeconds(60);

    /** The value the quick start (the root {@code stallkeeper} script) gives a setting, read from the script. */
    static String quickStartValue(String name) throws IOException {
        String script = Files.readString(Path.of("..", "stallkeeper"));
        Matcher m = Pattern.compile("export " + name + "=\"\\$\\{" + name + ":-([^}]*)}\"").matcher(script);
        assertThat(m.find()).as(name + " in the stallkeeper script").isTrue();
        return m.group(1);
    }

    @Test
    void theQuickStartsDemoKeyIsRed() throws IOException {
        StallkeeperConfig quickStart = new StallkeeperConfig(Map.of("KOOGALLERY_KEY", quickStartValue("KOOGALLERY_KEY")),
                Map.of());
        ReadinessItem item = ReadinessRules.koogalleryKey(quickStart.koogalleryKeys());
        assertThat(item.status()).isEqualTo(RED);
        assertThat(item.message()).contains("demo key").doesNotContain(quickStartValue("KOOGALLERY_KEY"));
        assertThat(item.howToFix()).contains("KOOGALLERY_KEY");
        assertThat(ReadinessRules.koogalleryKey(List.of("seller-key-2031", quickStartValue("KOOGALLERY_KEY"))).status())
                .as("still accepted during a rotation").isEqualTo(RED);
    }

    @Test
    void anUnsetKeyIsRedAndAnOwnKeyGreenWithoutShowingIt() {
        assertThat(ReadinessRules.koogalleryKey(List.of()).status()).isEqualTo(RED);
        ReadinessItem own = ReadinessRules.koogalleryKey(List.of("s3ller-own-key-0001"));
        assertThat(own.status()).isEqualTo(GREEN);
        assertThat(own.message()).doesNotContain("s3ller-own-key-0001");
        assertThat(own.howToFix()).isEmpty();
    }

    @Test
    void theKitIsGreenWhenUnusedOrComplete() throws IOException {
        assertThat(ReadinessRules.kit(List.of(), false, false).status()).isEqualTo(GREEN);
        assertThat(ReadinessRules.kit(List.of("kit-key-0001"), true, true).status()).isEqualTo(GREEN);
        assertThat(ReadinessRules.kit(List.of(quickStartValue("KOOGALLERY_KIT_KEY")), true, true).status())
                .isEqualTo(RED);
        assertThat(ReadinessRules.kit(List.of("kit-key-0001"), false, false).message())
                .contains("KOOGALLERY_KIT_PRIVATE_KEY is not");
        assertThat(ReadinessRules.kit(List.of(), true, true).status()).isEqualTo(RED);
        assertThat(ReadinessRules.kit(List.of("kit-key-0001"), true, false).message()).contains("not a readable");
    }

    @Test
    void queryOrderIsGreenWhenTheSignaturePassedAndRedWhenRefusedOrUnreachable() {
        assertThat(ReadinessRules.queryOrder(new QueryOrderOutcome(API, "KOOGALLERY_AK", false, null, null)).status())
                .isEqualTo(RED);
        assertThat(ReadinessRules.queryOrder(new QueryOrderOutcome(API, null, true, "MKT.0000", null)).status())
                .isEqualTo(GREEN);
        for (String refused : List.of("MKT.0150", "MKT.0151", "MKT.0154")) {
            assertThat(ReadinessRules.queryOrder(new QueryOrderOutcome(API, null, false, refused, "refused")).status())
                    .as(refused).isEqualTo(RED);
        }
        ReadinessItem unknownOrder = ReadinessRules.queryOrder(new QueryOrderOutcome(API, null, false, "MKT.0101", "x"));
        assertThat(unknownOrder.status()).as("an answer other than an auth refusal: the AK/SK passed").isEqualTo(GREEN);
        assertThat(ReadinessRules.queryOrder(new QueryOrderOutcome(API, null, false, null,
                "unreachable (HttpConnectTimeoutException)")).status()).isEqualTo(RED);
        assertThat(ReadinessRules.queryOrder(new QueryOrderOutcome(API, null, false, null,
                "answered HTTP 502 with a body that is not a Query Order response")).status()).isEqualTo(AMBER);
    }

    private static OpenApiProbe answeredAt(Instant theirs, Instant sent, Instant received) {
        return new OpenApiProbe(API, 200, DateTimeFormatter.RFC_1123_DATE_TIME.format(theirs.atOffset(ZoneOffset.UTC)),
                sent, received, null);
    }

    @Test
    void theClockIsGreenWithinFiveSecondsAmberToThirtyRedBeyond() {
        Instant sent = NOW;
        Instant received = NOW.plusMillis(200); // midpoint NOW + 100 ms
        assertThat(ReadinessRules.clock(answeredAt(NOW, sent, received), WINDOW).status()).isEqualTo(GREEN);
        assertThat(ReadinessRules.clock(answeredAt(NOW.minusSeconds(4), sent, received), WINDOW).status())
                .as("4.1 s ahead").isEqualTo(GREEN);
        ReadinessItem behind = ReadinessRules.clock(answeredAt(NOW.plusSeconds(12), sent, received), WINDOW);
        assertThat(behind.status()).isEqualTo(AMBER);
        assertThat(behind.message()).contains("11900 ms behind");
        assertThat(ReadinessRules.clock(answeredAt(NOW.minusSeconds(45), sent, received), WINDOW).status())
                .isEqualTo(RED);
        assertThat(ReadinessRules.clock(new OpenApiProbe(API, 200, null, sent, received, null), WINDOW).status())
                .as("no Date header: not compared").isEqualTo(AMBER);
        ReadinessItem unreachable = ReadinessRules.clock(new OpenApiProbe(API, -1, null, null, null,
                "ConnectException"), WINDOW);
        assertThat(unreachable.status()).isEqualTo(AMBER);
        assertThat(unreachable.message()).startsWith("Not compared");
    }

    @Test
    void httpsIsJudgedFromTheRequestAndThePublicAddress() {
        RequestFacts proxied = new RequestFacts("http", false, "https", "seller.example.com");
        assertThat(proxied.derivedUrl()).hasToString("https://seller.example.com");
        assertThat(ReadinessRules.https(proxied, proxied.derivedUrl(), false).status()).isEqualTo(GREEN);
        RequestFacts tls = new RequestFacts("https", true, null, "seller.example.com:8443");
        assertThat(ReadinessRules.https(tls, tls.derivedUrl(), false).status()).isEqualTo(GREEN);
        RequestFacts plain = new RequestFacts("http", false, null, "localhost:8080");
        assertThat(plain.derivedUrl()).hasToString("http://localhost:8080");
        assertThat(ReadinessRules.https(plain, plain.derivedUrl(), false).status()).isEqualTo(RED);
        assertThat(ReadinessRules.https(plain, URI.create("https://seller.example.com"), true).status())
                .as("configured https, but this request came in plain").isEqualTo(AMBER);
        assertThat(new RequestFacts("http", false, "https, http", "h").https()).as("the first proxy's word").isTrue();
    }

    @Test
    void anUnusablePublicUrlSettingIsRedAndSaysWhy() {
        StallkeeperConfig bad = new StallkeeperConfig(Map.of("STALLKEEPER_PUBLIC_URL", "seller.example.com"), Map.of());
        String problem = org.assertj.core.api.Assertions.catchThrowableOfType(bad::publicUrl,
                IllegalStateException.class).getMessage();
        ReadinessItem item = ReadinessRules.malformedPublicUrl(problem);
        assertThat(item.status()).isEqualTo(RED);
        assertThat(item.message()).contains("STALLKEEPER_PUBLIC_URL must be scheme://host[:port], got 'seller.example.com'");
        assertThat(new StallkeeperConfig(Map.of("STALLKEEPER_PUBLIC_URL", "https://seller.example.com/"), Map.of())
                .publicUrl()).contains(URI.create("https://seller.example.com"));
    }

    @Test
    void smtpNeedsAHostThatGreetsAndAnAddress() {
        SmtpProbe greets = new SmtpProbe("220 mail.example.com ESMTP", null);
        assertThat(ReadinessRules.smtp(Optional.empty(), 587, List.of("ops@example.com"), null).status()).isEqualTo(RED);
        assertThat(ReadinessRules.smtp(Optional.of("mail"), 587, List.of("ops@example.com"),
                new SmtpProbe(null, "ConnectException: refused")).status()).isEqualTo(RED);
        assertThat(ReadinessRules.smtp(Optional.of("mail"), 587, List.of("ops@example.com"),
                new SmtpProbe("554 go away", null)).status()).isEqualTo(RED);
        assertThat(ReadinessRules.smtp(Optional.of("mail"), 587, List.of(), greets).status()).isEqualTo(AMBER);
        assertThat(ReadinessRules.smtp(Optional.of("mail"), 587, List.of("ops@example.com"), greets).status())
                .isEqualTo(GREEN);
    }

    @Test
    void aDebugCallAnswered000000InTheLastDayIsGreen() {
        ReadinessItem ok = ReadinessRules.debugCall(new DebugCalls(3, 2, NOW.minus(Duration.ofMinutes(90)),
                NOW.minusSeconds(60), "000001", "queryInstance"), NOW);
        assertThat(ok.status()).isEqualTo(GREEN);
        assertThat(ok.message()).contains("2 of 3").contains("1 h 30 min ago");
        ReadinessItem failing = ReadinessRules.debugCall(new DebugCalls(2, 0, null, NOW.minusSeconds(600), "000005",
                "newInstance"), NOW);
        assertThat(failing.status()).isEqualTo(RED);
        assertThat(failing.message()).contains("000005").contains("newInstance").contains("10 min ago");
        assertThat(ReadinessRules.debugCall(new DebugCalls(0, 0, null, null, null, null), NOW).status())
                .isEqualTo(AMBER);
    }

    @Test
    void auditRetentionIsGreenFromAMonthAndAmberWhenForeverOrShorter() {
        assertThat(ReadinessRules.auditRetention(Optional.empty(), Duration.ofDays(400)).status()).isEqualTo(GREEN);
        assertThat(ReadinessRules.auditRetention(Optional.of("0"), Duration.ZERO).status()).isEqualTo(AMBER);
        assertThat(ReadinessRules.auditRetention(Optional.of("7"), Duration.ofDays(7)).status()).isEqualTo(AMBER);
        assertThat(ReadinessRules.auditRetention(Optional.of("31"), Duration.ofDays(31)).status()).isEqualTo(GREEN);
        StallkeeperConfig none = new StallkeeperConfig(Map.of(), Map.of());
        assertThat(ReadinessRules.auditRetention(none.value(Setting.STALLKEEPER_AUDIT_RETENTION_DAYS), none.auditRetention()).message()).contains("not set (default 400)");
    }

    @Test
    void anAccountOpeningWithTheQuickStartsPasswordIsRed() {
        ReadinessItem red = ReadinessRules.adminAccount(List.of("admin"), 2);
        assertThat(red.status()).isEqualTo(RED);
        assertThat(red.message()).contains("[admin]").doesNotContain("stallkeeper-demo");
        assertThat(ReadinessRules.adminAccount(List.of(), 2).status()).isEqualTo(GREEN);
    }
}
