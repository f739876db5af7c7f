package dev.stallkeeper.web.common;

import dev.stallkeeper.readiness.RequestFacts;
import jakarta.servlet.http.HttpServletRequest;

/** How the go-live checklist sees an admin's request (the API's and the console's alike). */
public final class ReadinessRequests {

    private ReadinessRequests() {
    }

    /**
     * The scheme, whether this server terminated TLS, the proxy's {@code X-Forwarded-Proto}, and the host and port
     * the client addressed.
     */
    public static RequestFacts facts(HttpServletRequest request) {
        String host = request.getHeader("Host");
        if (host == null || host.isBlank() || !host.matches("[A-Za-z0-9.:\\[\\]-]+")) {
            host = request.getServerName() + ":" + request.getServerPort();
        }
        return new RequestFacts(request.getScheme(), request.isSecure(), request.getHeader("X-Forwarded-Proto"), host);
    }
}
