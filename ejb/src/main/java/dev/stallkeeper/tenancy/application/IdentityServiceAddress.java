package dev.stallkeeper.tenancy.application;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Whether Stallkeeper may call a tenant's identity service (the calls carry the OAuth client secret). The address
 * comes from KooGallery's tenantSync, and anyone can make Stallkeeper call it through {@code /api/sso/callback}, so:
 * HTTPS only; when {@code STALLKEEPER_SSO_ALLOWED_HOSTS} is set, only those hosts (or their subdomains); and never
 * an address on this machine or a private network (the seller's own infrastructure), checked on what the name
 * resolves to. {@code STALLKEEPER_SSO_ALLOW_HTTP} (local tests) lifts the HTTPS and private-address rules.
 */
public final class IdentityServiceAddress {

    /** Looks a host name up (a seam for tests). */
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private IdentityServiceAddress() {
    }

    /** Why {@code domain} may not be called, or empty when it may. */
    public static Optional<String> refusal(URI domain, List<String> allowedHosts, boolean allowLocal, Resolver resolver) {
        String host = domain.getHost();
        if (host == null) {
            return Optional.of("the identity service has no host");
        }
        if (!"https".equalsIgnoreCase(domain.getScheme()) && !allowLocal) {
            return Optional.of("the tenant's identity service is not HTTPS");
        }
        String h = host.toLowerCase(Locale.ROOT);
        if (!allowedHosts.isEmpty() && allowedHosts.stream().map(a -> a.toLowerCase(Locale.ROOT).trim())
                .noneMatch(a -> h.equals(a) || h.endsWith("." + a))) {
            return Optional.of("the identity service's host " + host + " is not in STALLKEEPER_SSO_ALLOWED_HOSTS");
        }
        if (allowLocal) {
            return Optional.empty();
        }
        try {
            String name = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
            for (InetAddress a : resolver.resolve(name)) {
                if (local(a)) {
                    return Optional.of("the identity service's host " + host + " is a local or private address");
                }
            }
        } catch (UnknownHostException e) {
            return Optional.of("the identity service's host " + host + " does not resolve");
        }
        return Optional.empty();
    }

    static boolean local(InetAddress a) {
        if (a.isAnyLocalAddress() || a.isLoopbackAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress()
                || a.isMulticastAddress()) {
            return true;
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet6Address) {
            return (b[0] & 0xfe) == 0xfc; // unique local fc00::/7
        }
        return (b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64 // carrier-grade NAT 100.64.0.0/10
                || (b[0] & 0xff) == 0; // 0.0.0.0/8
    }
}
