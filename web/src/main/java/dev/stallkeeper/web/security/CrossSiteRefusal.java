package dev.stallkeeper.web.security;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * No change through the admin API from another site. A browser sends cached Basic credentials with a cross-site
 * form or a no-cors fetch; such a request is refused before the method runs:
 * <ul>
 *   <li>{@code Sec-Fetch-Site} other than {@code same-origin} or {@code none} (a typed URL, a tool): 403;</li>
 *   <li>an {@code Origin} other than the request's own scheme, host and port: 403;</li>
 *   <li>a body that is not JSON (or the bill file's {@code text/csv}), or no body without the custom header
 *       {@code X-Requested-By}: 415. The types a cross-site form can send (form-urlencoded, multipart, text/plain)
 *       are never accepted, and JSON, CSV or a custom header would need a CORS preflight, which this server never
 *       grants.</li>
 * </ul>
 * Reads (GET, HEAD, OPTIONS) change nothing and pass. Runs after authentication and role checks, so anonymous
 * callers still get 401 and the wrong role 403.
 */
@Provider
@Priority(Priorities.AUTHORIZATION + 100)
public class CrossSiteRefusal implements ContainerRequestFilter {

    static final String CUSTOM_HEADER = "X-Requested-By";
    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");
    private static final Set<String> SAME_SITE = Set.of("same-origin", "none");

    @Override
    public void filter(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (SAFE.contains(request.getMethod()) || !(path.startsWith("admin/") || path.startsWith("/admin/"))) {
            return;
        }
        String fetchSite = request.getHeaderString("Sec-Fetch-Site");
        if (fetchSite != null && !SAME_SITE.contains(fetchSite.trim().toLowerCase(Locale.ROOT))) {
            refuse(request, Response.Status.FORBIDDEN, "cross-site requests may not change anything (Sec-Fetch-Site: "
                    + fetchSite + ")");
            return;
        }
        String origin = request.getHeaderString("Origin");
        if (origin != null && !sameOrigin(origin, request)) {
            refuse(request, Response.Status.FORBIDDEN, "requests from another origin may not change anything");
            return;
        }
        MediaType type = request.getMediaType();
        if (type == null) {
            if (request.getHeaderString(CUSTOM_HEADER) == null) {
                refuse(request, Response.Status.UNSUPPORTED_MEDIA_TYPE, "send Content-Type: application/json (or the"
                        + " header " + CUSTOM_HEADER + " when there is no body)");
            }
            return;
        }
        if (!(type.isCompatible(MediaType.APPLICATION_JSON_TYPE) || "text".equals(type.getType())
                && "csv".equals(type.getSubtype()))) {
            refuse(request, Response.Status.UNSUPPORTED_MEDIA_TYPE, "the admin API takes application/json (the bill"
                    + " file also text/csv), not " + type.getType() + "/" + type.getSubtype());
        }
    }

    /** The Origin header against this request's own scheme, host and port (as the client addressed it). */
    static boolean sameOrigin(String origin, ContainerRequestContext request) {
        URI self = request.getUriInfo().getBaseUri();
        String proto = request.getHeaderString("X-Forwarded-Proto");
        String host = request.getHeaderString("X-Forwarded-Host");
        String scheme = proto != null ? proto.trim() : self.getScheme();
        String authority = host != null ? host.trim() : request.getHeaderString("Host");
        if (authority == null) {
            authority = self.getAuthority();
        }
        return sameOrigin(origin, scheme, authority);
    }

    static boolean sameOrigin(String origin, String scheme, String authority) {
        try {
            URI o = URI.create(origin.trim());
            if (o.getScheme() == null || o.getHost() == null) {
                return false; // "null" (a sandboxed or file page) and anything malformed
            }
            URI self = URI.create(scheme + "://" + authority);
            return o.getScheme().equalsIgnoreCase(self.getScheme()) && o.getHost().equalsIgnoreCase(self.getHost())
                    && port(o) == port(self);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static int port(URI u) {
        return u.getPort() != -1 ? u.getPort() : "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
    }

    private static void refuse(ContainerRequestContext request, Response.Status status, String message) {
        request.abortWith(Response.status(status).type(MediaType.APPLICATION_JSON)
                .entity(Map.of("error", message, "key", "request.crossSite")).build());
    }
}
