package dev.stallkeeper.readiness;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stallkeeper.readiness.Readiness.Checklist;
import dev.stallkeeper.readiness.SelfTest.CaseResult;
import dev.stallkeeper.readiness.SelfTest.Outside;
import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class PublishingReportTest {

    private static final Instant AT = Instant.parse("2031-02-28T17:05:09Z"); // Beijing: 1 March 01:05:09

    private static String report() {
        Checklist checklist = new Checklist(AT, URI.create("https://seller.example.com"), List.of(
                ReadinessItem.green("koogalleryKey", "KOOGALLERY_KEY is set"),
                ReadinessItem.red("smtp", "The mail server <b>\"mx\"</b> & co did not greet", "Set <it>")));
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Strict-Transport-Security", "max-age=31536000");
        headers.put("X-Frame-Options", null);
        SelfTest.Result selfTest = new SelfTest.Result(URI.create("https://seller.example.com/api/koogallery/produce"),
                new Outside(URI.create("https://seller.example.com/admin/login.xhtml"), 200, "TLSv1.3",
                        "TLS_AES_128_GCM_SHA256", "CN=seller.example.com", "CN=Some CA",
                        Instant.parse("2031-09-01T00:00:00Z"), headers, null),
                List.of(new CaseResult("no signature", "§2.2.2", "000001", "HTTP 200, 000001", true, 12, List.of()),
                        new CaseResult("oversized body", "§3", "000002", "HTTP 200, 000005", false, 40,
                                List.of("answered 000005, expected 000002"))));
        return PublishingReport.html(checklist, selfTest, List.of(new PublishingReport.Version("Java", "21 <x>")));
    }

    @Test
    void isDatedInUtcAndBeijingAndNamedByTheDate() {
        assertThat(report()).contains("2031-02-28 17:05:09 UTC").contains("2031-03-01 01:05:09 Beijing time");
        assertThat(PublishingReport.fileName(AT)).isEqualTo("stallkeeper-publishing-report-20310228-170509Z.html");
    }

    @Test
    void holdsTheChecklistTheCasesTheOutsideViewTheVersionsAndWhatItDoesNotCover() {
        String html = report();
        assertThat(html).contains("id=\"item-koogalleryKey\"").contains("KooGallery key set, not the demo key")
                .contains("1 green, 0 amber, 1 red").contains("1 of 2 cases passed")
                .contains("no signature").contains(">PASS<").contains(">FAIL<").contains("answered 000005, expected 000002")
                .contains("TLSv1.3").contains("max-age=31536000").contains("X-Frame-Options</th><td class=\"AMBER\">missing")
                .contains("21 &lt;x&gt;")
                .contains("What this report does not cover").contains("no substitute for a full scanner");
    }

    @Test
    void isSelfContainedAndEscaped() {
        String html = report();
        assertThat(html).doesNotContain("<script").doesNotContain("<link").doesNotContain("<img")
                .doesNotContain("<b>").doesNotContain("<it>")
                .contains("&lt;b&gt;&quot;mx&quot;&lt;/b&gt; &amp; co");
        assertThat(Pattern.compile("(src|href)\\s*=", Pattern.CASE_INSENSITIVE).matcher(html).find())
                .as("no reference to anything outside the file").isFalse();
        assertThat(html).contains("<style>");
    }

    @Test
    void plainHttpIsShownAsNoTls() {
        SelfTest.Result plain = new SelfTest.Result(URI.create("http://localhost:8080/api/koogallery/produce"),
                new Outside(URI.create("http://localhost:8080/admin/login.xhtml"), 200, null, null, null, null, null,
                        Map.of(), null), List.of());
        String html = PublishingReport.html(new Checklist(AT, URI.create("http://localhost:8080"), List.of()), plain,
                List.of());
        assertThat(html).contains("none: the address is plain HTTP");
    }
}
