package dev.stallkeeper.readiness;

import static dev.stallkeeper.readiness.ReadinessItem.amber;
import static dev.stallkeeper.readiness.ReadinessItem.green;
import static dev.stallkeeper.readiness.ReadinessItem.red;

import dev.stallkeeper.audit.application.CallbackStatistics.DebugCalls;
import dev.stallkeeper.platform.ProductionGuard;
import dev.stallkeeper.platform.SelfCheck.OpenApiProbe;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * How each item of the go-live checklist decides green, amber or red, from what was found (plain values, so that
 * every rule is tested without a server). Messages are English and never carry a secret, only whether it is set.
 */
public final class ReadinessRules {

    /** Clock differences up to this are green (HTTP dates have whole seconds: one of them is rounding). */
    static final Duration CLOCK_GREEN = Duration.ofSeconds(5);
    /** Up to this amber: still inside KooGallery's 60 s signature window, but eating into it. */
    static final Duration CLOCK_AMBER = Duration.ofSeconds(30);
    /** KooGallery's dial tests run twice a day: a day without a debug call answered 000000 is worth a look. */
    static final Duration DEBUG_CALL_WINDOW = Duration.ofHours(24);
    /** Audit retention shorter than this cannot answer for last month's orders. */
    static final Duration RETENTION_SHORT = Duration.ofDays(31);
    /** Query Order answers that mean the AK/SK signature was refused (§7.1). */
    static final Set<String> AUTH_REFUSED = Set.of("MKT.0150", "MKT.0151", "MKT.0154");

    private ReadinessRules() {
    }

    /** KOOGALLERY_KEY set and none of its keys the quick start's. */
    public static ReadinessItem koogalleryKey(List<String> keys) {
        String id = "koogalleryKey";
        String fix = "Create a key in KooGallery's Seller Console (Application tools > Key management), bind it to the"
                + " basic interface of your production address, and set it as KOOGALLERY_KEY.";
        if (keys.isEmpty()) {
            return red(id, "KOOGALLERY_KEY is not set: every callback is answered 000001.", fix);
        }
        if (isDemo("KOOGALLERY_KEY", keys)) {
            return red(id, "KOOGALLERY_KEY is the quick start's demo key, which anyone who read the README knows.", fix);
        }
        return green(id, "KOOGALLERY_KEY is set (" + keys.size() + (keys.size() == 1 ? " key" : " keys, the first signs")
                + ") and is not the quick start's demo key.");
    }

    /**
     * The joint-operation Kit: not used (neither key nor private key set) is green; half set, the demo kit key or an
     * unreadable private key is red.
     */
    public static ReadinessItem kit(List<String> kitKeys, boolean privateKeySet, boolean privateKeyUsable) {
        String id = "kit";
        String fix = "For a joint-operation product set KOOGALLERY_KIT_KEY (the key bound to the joint-op sync interface)"
                + " and KOOGALLERY_KIT_PRIVATE_KEY (your RSA private key, PKCS#8 PEM or a file path); otherwise set neither.";
        if (kitKeys.isEmpty() && !privateKeySet) {
            return green(id, "Joint operation is not configured (neither KOOGALLERY_KIT_KEY nor"
                    + " KOOGALLERY_KIT_PRIVATE_KEY is set); nothing to check unless you sell a joint-operation product.");
        }
        if (isDemo("KOOGALLERY_KIT_KEY", kitKeys)) {
            return red(id, "KOOGALLERY_KIT_KEY is the quick start's demo kit key.", fix);
        }
        if (kitKeys.isEmpty()) {
            return red(id, "KOOGALLERY_KIT_PRIVATE_KEY is set but KOOGALLERY_KIT_KEY is not: every Kit call is refused.",
                    fix);
        }
        if (!privateKeySet) {
            return red(id, "KOOGALLERY_KIT_KEY is set but KOOGALLERY_KIT_PRIVATE_KEY is not: applicationSync cannot"
                    + " decrypt clientSecret, so tenants' single sign-on cannot work.", fix);
        }
        if (!privateKeyUsable) {
            return red(id, "KOOGALLERY_KIT_PRIVATE_KEY is set but is not a readable RSA private key in PKCS#8 form"
                    + " (the server log says why).", fix);
        }
        return green(id, "KOOGALLERY_KIT_KEY and KOOGALLERY_KIT_PRIVATE_KEY are set; the private key is readable.");
    }

    /**
     * What a signed Query Order call came back with: {@code resultCode} (MKT.*) when KooGallery answered one,
     * {@code error} when no answer came (network, timeout), {@code missing} the unset setting when none was sent.
     */
    public record QueryOrderOutcome(URI base, String missing, boolean success, String resultCode, String error) {
    }

    /** A signed call answered MKT.0000, or with a code other than an auth refusal, is green (the AK/SK passed). */
    public static ReadinessItem queryOrder(QueryOrderOutcome outcome) {
        String id = "queryOrder";
        if (outcome.missing() != null) {
            return red(id, outcome.missing() + " is not set: newInstance cannot read the order from Query Order.",
                    "Set KOOGALLERY_AK and KOOGALLERY_SK to an access key of your Huawei Cloud account"
                            + " (My Credentials > Access Keys).");
        }
        if (outcome.success()) {
            return green(id, "A signed Query Order call to " + outcome.base() + " was answered MKT.0000: reachable,"
                    + " AK/SK accepted.");
        }
        if (outcome.resultCode() != null && AUTH_REFUSED.contains(outcome.resultCode())) {
            return red(id, outcome.base() + " refused the AK/SK signature (" + outcome.resultCode() + ").",
                    "Check KOOGALLERY_AK and KOOGALLERY_SK: an access key of the seller's Huawei Cloud account, enabled,"
                            + " and this node's clock (the signature carries the time).");
        }
        if (outcome.resultCode() != null && outcome.resultCode().startsWith("MKT.")) {
            return green(id, outcome.base() + " answered " + outcome.resultCode() + " to a signed Query Order call:"
                    + " reachable, and the AK/SK signature was accepted (the code is not an authentication refusal).");
        }
        if (outcome.resultCode() == null && outcome.error() != null && outcome.error().startsWith("unreachable")) {
            return red(id, "Query Order at " + outcome.base() + " is " + outcome.error() + ".",
                    "Let this node reach KooGallery's open API over HTTPS (egress firewall, proxy, DNS), or correct"
                            + " KOOGALLERY_API_BASE.");
        }
        return amber(id, "Query Order at " + outcome.base() + " answered, but not with a result that tells whether the"
                        + " AK/SK was accepted: " + (outcome.error() == null ? outcome.resultCode() : outcome.error()) + ".",
                "Check KOOGALLERY_API_BASE (scheme://host of KooGallery's open API) and try again later.");
    }

    /** This node's clock against the Date of KooGallery's open API. */
    public static ReadinessItem clock(OpenApiProbe probe, Duration signatureWindow) {
        String id = "clock";
        String fix = "Run time synchronisation (chrony or systemd-timesyncd with NTP) on this host.";
        if (probe.error() != null) {
            return amber(id, "Not compared: " + probe.base() + " could not be reached (" + probe.error() + ").",
                    "Let this node reach KooGallery's open API; then the clock is compared with its Date header.");
        }
        Optional<Duration> skew = probe.skew();
        if (skew.isEmpty()) {
            return amber(id, "Not compared: " + probe.base() + " sent no usable Date header.",
                    "Check KOOGALLERY_API_BASE; " + fix);
        }
        Duration off = skew.get().abs();
        String said = "This node's clock is " + off.toMillis() + " ms " + (skew.get().isNegative() ? "behind" : "ahead of")
                + " the Date of " + probe.base() + " (callback signatures allow " + signatureWindow.toSeconds() + " s).";
        if (off.compareTo(CLOCK_GREEN) <= 0) {
            return green(id, said);
        }
        if (off.compareTo(CLOCK_AMBER) <= 0 && off.compareTo(signatureWindow) < 0) {
            return amber(id, said, fix);
        }
        return red(id, said + " KooGallery's callbacks will be refused as stale or future.", fix);
    }

    /** Requests arrive over HTTPS and the public address is https. */
    public static ReadinessItem https(RequestFacts request, URI publicUrl, boolean publicUrlConfigured) {
        String id = "https";
        String where = "The public address " + publicUrl + (publicUrlConfigured ? " (STALLKEEPER_PUBLIC_URL)"
                : " (derived from this request; set STALLKEEPER_PUBLIC_URL to fix it)");
        String fix = "Put a reverse proxy or load balancer with a certificate from a trusted CA for your domain name in"
                + " front (TLS 1.2 or later) that sets X-Forwarded-Proto: https, and set STALLKEEPER_PUBLIC_URL to"
                + " https://your.domain.";
        if (!"https".equalsIgnoreCase(publicUrl.getScheme())) {
            return red(id, where + " is not HTTPS: KooGallery calls only HTTPS addresses with a trusted certificate.",
                    fix);
        }
        if (!request.https()) {
            return amber(id, where + " is HTTPS, but this request arrived over " + request.how()
                    + ": is the proxy setting X-Forwarded-Proto, or was this node reached directly?", fix);
        }
        return green(id, where + " is HTTPS and this request arrived over HTTPS (" + request.how() + ").");
    }

    /** STALLKEEPER_PUBLIC_URL set but unusable: red, and the address of the request stands in for it. */
    public static ReadinessItem malformedPublicUrl(String problem) {
        return red("https", problem + "; this request's address was used instead.",
                "Set STALLKEEPER_PUBLIC_URL to https://your.domain, the address KooGallery calls.");
    }

    /** What connecting to the SMTP server found: its greeting, or why there was none. */
    public record SmtpProbe(String greeting, String error) {
    }

    /** A mail server that greets with 220 and an address for notifications. */
    public static ReadinessItem smtp(Optional<String> host, int port, List<String> notifyTo, SmtpProbe probe) {
        String id = "smtp";
        if (host.isEmpty()) {
            return red(id, "STALLKEEPER_SMTP_HOST is not set: invoices and alerts (failing callbacks, stalled"
                            + " supervision, overdue invoices) are never e-mailed; they wait in the outbox.",
                    "Set STALLKEEPER_SMTP_HOST (and STALLKEEPER_SMTP_PORT, _USER, _PASSWORD) and STALLKEEPER_NOTIFY_TO.");
        }
        String server = host.get() + ":" + port;
        if (probe.error() != null || probe.greeting() == null || !probe.greeting().startsWith("220")) {
            return red(id, "The mail server " + server + " did not greet: "
                            + (probe.error() != null ? probe.error() : "it said '" + probe.greeting() + "'") + ".",
                    "Check STALLKEEPER_SMTP_HOST and STALLKEEPER_SMTP_PORT, and that this node may connect to them.");
        }
        if (notifyTo.isEmpty()) {
            return amber(id, "The mail server " + server + " answered, but STALLKEEPER_NOTIFY_TO is not set: alerts"
                    + " about failing callbacks reach nobody.", "Set STALLKEEPER_NOTIFY_TO to the seller's addresses.");
        }
        return green(id, "The mail server " + server + " greeted with 220; notifications go to " + notifyTo.size()
                + (notifyTo.size() == 1 ? " address." : " addresses."));
    }

    /** A debug call (testFlag=1) from outside answered 000000 in the last 24 hours. */
    public static ReadinessItem debugCall(DebugCalls calls, Instant now) {
        String id = "debugCall";
        String fix = "In KooGallery's Seller Console run Application tools > Application access debugging against your"
                + " production address until every mandatory case passes; once the product is on sale its dial tests"
                + " call twice a day.";
        if (calls.answeredOk() > 0) {
            return green(id, calls.answeredOk() + " of " + calls.count() + " debug calls (testFlag=1) of the last 24"
                    + " hours were answered 000000, the latest " + ago(calls.lastOkAt(), now) + ".");
        }
        if (calls.count() > 0) {
            return red(id, "No debug call of the last 24 hours was answered 000000: the latest (" + calls.lastActivity()
                    + ", " + ago(calls.lastAt(), now) + ") was answered " + calls.lastCode() + ".", fix
                    + " The interface messages page shows each call and its answer.");
        }
        return amber(id, "No debug call (testFlag=1) arrived in the last 24 hours: KooGallery's debugging tool or dial"
                + " tests have not reached this server (this server's own self-test does not count).", fix);
    }

    /** STALLKEEPER_AUDIT_RETENTION_DAYS: kept long enough, and not for ever. */
    public static ReadinessItem auditRetention(Optional<String> configured, Duration retention) {
        String id = "auditRetention";
        String fix = "Set STALLKEEPER_AUDIT_RETENTION_DAYS (default 400) to how long your records policy keeps"
                + " callbacks, at least a month.";
        String how = configured.isPresent() ? "STALLKEEPER_AUDIT_RETENTION_DAYS is " + configured.get()
                : "STALLKEEPER_AUDIT_RETENTION_DAYS is not set (default " + retention.toDays() + ")";
        if (retention.isZero()) {
            return amber(id, how + ": callbacks are kept for ever and callback_log grows without bound.", fix);
        }
        if (retention.compareTo(RETENTION_SHORT) < 0) {
            return amber(id, how + ": callbacks are deleted after " + retention.toDays() + " days, before a month's"
                    + " settlement or a buyer's complaint can be traced.", fix);
        }
        return green(id, how + ": callbacks are kept " + retention.toDays() + " days.");
    }

    /** No enabled console account opens with the quick start's password. */
    public static ReadinessItem adminAccount(List<String> acceptingDemoPassword, int checked) {
        String id = "adminAccount";
        if (!acceptingDemoPassword.isEmpty()) {
            return red(id, "The quick start's password opens the enabled account(s) " + acceptingDemoPassword
                            + ": anyone who read the README can log in.",
                    "Log in, create your own admin (Users), then disable these accounts or change their passwords.");
        }
        return green(id, "None of the " + checked + " enabled console accounts checked opens with the quick start's"
                + " password.");
    }

    private static boolean isDemo(String envName, List<String> values) {
        Optional<String> demo = ProductionGuard.demoValue(envName);
        return demo.isPresent() && values.contains(demo.get());
    }

    private static String ago(Instant at, Instant now) {
        if (at == null) {
            return "at an unknown time";
        }
        Duration d = Duration.between(at, now);
        if (d.isNegative() || d.toMinutes() < 1) {
            return "less than a minute ago";
        }
        return d.toHours() >= 1 ? d.toHours() + " h " + d.toMinutesPart() + " min ago" : d.toMinutes() + " min ago";
    }
}
