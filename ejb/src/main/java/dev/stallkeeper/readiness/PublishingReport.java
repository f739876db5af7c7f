package dev.stallkeeper.readiness;

import dev.stallkeeper.platform.Clocks;
import dev.stallkeeper.platform.HtmlEscape;
import dev.stallkeeper.readiness.Readiness.Checklist;
import dev.stallkeeper.readiness.SelfTest.CaseResult;
import dev.stallkeeper.readiness.SelfTest.Outside;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/**
 * The publishing report as one self-contained HTML document (inline CSS, no script, no external resource; every
 * value escaped) that a seller can attach to a KooGallery listing: the go-live checklist, the self-test of the
 * production address, TLS and security headers as seen from outside, the versions it runs on, and what it does not
 * cover. English only. It names settings and whether they are set, never a key or secret.
 */
public final class PublishingReport {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    /** The checklist items' titles, in the checklist's order. */
    static final Map<String, String> TITLES = Map.of(
            "koogalleryKey", "KooGallery key set, not the demo key",
            "kit", "Joint-operation Kit key and private key",
            "queryOrder", "Query Order reachable, AK/SK accepted",
            "clock", "Clock within a few seconds of KooGallery's",
            "https", "Requests arrive over HTTPS",
            "smtp", "Mail server reachable, notification address set",
            "debugCall", "A debug call (testFlag=1) answered 000000 in the last 24 hours",
            "auditRetention", "Audit retention set",
            "adminAccount", "No console account opens with the quick start's password");

    /** What the report states it does not cover. */
    static final String NOT_COVERED = "This report is a self-test, not a vulnerability scan. It runs KooGallery's"
            + " documented conformance and security cases for the production address (signatures, replays, stale and"
            + " future timestamps, malformed and oversized bodies, signed and timely answers) and shows the TLS session"
            + " and security headers one HTTPS client saw. It does not cover: a scan of the host, its operating system"
            + " and open ports; the TLS configuration in depth (every protocol version and cipher offered, certificate"
            + " chain and revocation from several clients); web vulnerabilities of the admin console and APIs (injection,"
            + " cross-site scripting, access control) beyond what Stallkeeper's own tests check; denial of service;"
            + " known vulnerabilities of the listed versions; the seller's own SaaS application; and the network between"
            + " KooGallery and this server. It is no substitute for a full scanner or a penetration test.";

    private PublishingReport() {
    }

    /** A name and version of something this server runs on. */
    public record Version(String component, String version) {
    }

    /** The file name of the report made at {@code at}: dated in UTC. */
    public static String fileName(Instant at) {
        return "stallkeeper-publishing-report-" + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss'Z'")
                .format(at.atOffset(ZoneOffset.UTC)) + ".html";
    }

    public static String html(Checklist checklist, SelfTest.Result selfTest, List<Version> versions) {
        Instant at = checklist.at();
        StringBuilder h = new StringBuilder(16_384);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"UTF-8\">")
                .append("<title>Stallkeeper publishing report ").append(e(utc(at))).append("</title><style>")
                .append("body{font-family:sans-serif;margin:2em;color:#222;max-width:72em}")
                .append("table{border-collapse:collapse;width:100%;margin:.5em 0 1.5em}")
                .append("th,td{border:1px solid #bbb;padding:.3em .5em;text-align:left;vertical-align:top}")
                .append("th{background:#eee}.GREEN,.PASS{background:#dff0d8}.AMBER{background:#fcf8e3}")
                .append(".RED,.FAIL{background:#f2dede}code{font-size:.95em}.note{color:#555}")
                .append("</style></head><body>\n");
        h.append("<h1>Stallkeeper publishing report</h1>\n<p>Made ").append(e(utc(at))).append(" UTC (")
                .append(e(STAMP.format(at.atZone(Clocks.BEIJING)))).append(" Beijing time) for the public address <code>")
                .append(e(checklist.publicUrl().toString())).append("</code>. Production address tested: <code>")
                .append(e(selfTest.produceAddress().toString())).append("</code>.</p>\n");
        h.append("<p>Go-live checklist: ").append(checklist.count(ReadinessItem.Status.GREEN)).append(" green, ")
                .append(checklist.count(ReadinessItem.Status.AMBER)).append(" amber, ")
                .append(checklist.count(ReadinessItem.Status.RED)).append(" red. Self-test: ").append(selfTest.passed())
                .append(" of ").append(selfTest.cases().size()).append(" cases passed.</p>\n");
        h.append("<p class=\"note\">This report is in English only. It names settings and says whether they are set;"
                + " it contains no key, password or other secret.</p>\n");

        h.append("<h2 id=\"checklist\">1. Go-live checklist</h2>\n<table><thead><tr><th>Item</th><th>Status</th>")
                .append("<th>Found</th><th>How to fix</th></tr></thead><tbody>\n");
        for (ReadinessItem item : checklist.items()) {
            h.append("<tr id=\"item-").append(e(item.id())).append("\"><td>")
                    .append(e(TITLES.getOrDefault(item.id(), item.id()))).append("</td><td class=\"")
                    .append(item.status()).append("\">").append(item.status()).append("</td><td>")
                    .append(e(item.message())).append("</td><td>").append(e(item.howToFix())).append("</td></tr>\n");
        }
        h.append("</tbody></table>\n");

        h.append("<h2 id=\"self-test\">2. Self-test of the production address</h2>\n<p>Each request was sent to <code>")
                .append(e(selfTest.produceAddress().toString())).append("</code> through the public address, as")
                .append(" KooGallery sends it (V2 signature in the query string, testFlag=1: no production record is")
                .append(" touched). Every answer must also be HTTP 200, application/json, a 6-character resultCode, a")
                .append(" Body-Sign header that matches the bytes, and come within 20 s.</p>\n")
                .append("<table><thead><tr><th>Case</th><th>Spec</th><th>Expected</th><th>Answer</th><th>ms</th>")
                .append("<th>Result</th><th>Problems</th></tr></thead><tbody>\n");
        for (CaseResult c : selfTest.cases()) {
            String verdict = c.passed() ? "PASS" : "FAIL";
            h.append("<tr class=\"case\"><td>").append(e(c.name())).append("</td><td>").append(e(c.reference()))
                    .append("</td><td>").append(e(c.expected())).append("</td><td>").append(e(c.answer()))
                    .append("</td><td>").append(c.millis()).append("</td><td class=\"").append(verdict).append("\">")
                    .append(verdict).append("</td><td>").append(e(String.join("; ", c.problems()))).append("</td></tr>\n");
        }
        h.append("</tbody></table>\n");

        Outside o = selfTest.outside();
        h.append("<h2 id=\"outside\">3. TLS and security headers as seen from outside</h2>\n<p>GET <code>")
                .append(e(o.address().toString())).append("</code>: ");
        if (o.error() != null) {
            h.append("no answer (").append(e(o.error())).append(").</p>\n");
        } else {
            h.append("HTTP ").append(o.status()).append(".</p>\n<table><tbody>\n");
            if (o.tlsProtocol() == null) {
                h.append("<tr><th>TLS</th><td class=\"RED\">none: the address is plain HTTP. KooGallery calls only HTTPS")
                        .append(" addresses with a trusted certificate.</td></tr>\n");
            } else {
                row(h, "TLS protocol", o.tlsProtocol());
                row(h, "Cipher suite", o.cipherSuite());
                row(h, "Certificate subject", o.certificateSubject());
                row(h, "Certificate issuer", o.certificateIssuer());
                row(h, "Certificate valid until", o.certificateNotAfter() == null ? null : utc(o.certificateNotAfter()) + " UTC");
                h.append("<tr><th>Certificate check</th><td class=\"GREEN\">trusted by the JDK's default trust store")
                        .append(" (the connection would have failed otherwise)</td></tr>\n");
            }
            o.headers().forEach((name, value) -> h.append("<tr><th>").append(e(name)).append("</th><td class=\"")
                    .append(value == null ? "AMBER\">missing" : "GREEN\">" + e(value)).append("</td></tr>\n"));
            h.append("</tbody></table>\n");
        }

        h.append("<h2 id=\"versions\">4. What it runs on</h2>\n<table><tbody>\n");
        for (Version v : versions) {
            row(h, v.component(), v.version());
        }
        h.append("</tbody></table>\n");

        h.append("<h2 id=\"not-covered\">5. What this report does not cover</h2>\n<p>").append(e(NOT_COVERED))
                .append("</p>\n</body></html>\n");
        return h.toString();
    }

    private static void row(StringBuilder h, String name, String value) {
        h.append("<tr><th>").append(e(name)).append("</th><td>").append(e(value == null ? "unknown" : value))
                .append("</td></tr>\n");
    }

    private static String utc(Instant at) {
        return STAMP.format(at.atOffset(ZoneOffset.UTC));
    }

    /** HTML-escaped text (element content and quoted attribute values). */
    static String e(String s) {
        return HtmlEscape.text(s);
    }
}
