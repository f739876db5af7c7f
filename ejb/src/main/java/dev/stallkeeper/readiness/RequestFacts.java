package dev.stallkeeper.readiness;

import java.net.URI;
import java.util.Locale;

/**
 * What the admin's request says about how this server is reached: the scheme the server saw, whether the connection
 * was TLS, the {@code X-Forwarded-Proto} header a proxy in front sets (its first value; null when absent), and the
 * {@code Host} the client addressed (with its port, if any).
 */
public record RequestFacts(String scheme, boolean tls, String forwardedProto, String host) {

    /** Whether the request arrived over HTTPS: TLS on this server, or a proxy in front that says it terminated it. */
    public boolean https() {
        return tls || "https".equals(forwarded());
    }

    /** How it is known that the request was HTTPS, or that it was not. */
    public String how() {
        if (tls) {
            return "TLS on this server";
        }
        if ("https".equals(forwarded())) {
            return "X-Forwarded-Proto: https from the proxy in front";
        }
        return forwardedProto == null ? "plain HTTP, no X-Forwarded-Proto header" : "X-Forwarded-Proto: " + forwarded();
    }

    /** The public address as this request sees it: https when it arrived over HTTPS, and the Host it addressed. */
    public URI derivedUrl() {
        return URI.create((https() ? "https" : scheme == null ? "http" : scheme.toLowerCase(Locale.ROOT)) + "://" + host);
    }

    private String forwarded() {
        if (forwardedProto == null) {
            return null;
        }
        int comma = forwardedProto.indexOf(',');
        return (comma < 0 ? forwardedProto : forwardedProto.substring(0, comma)).trim().toLowerCase(Locale.ROOT);
    }
}
