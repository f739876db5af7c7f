package dev.stallkeeper.web.common;

import dev.stallkeeper.platform.DemoTime;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The quick start only: while the demo month loads (the first seconds after the server has started, with the
 * application's clock in the past, see {@link DemoTime}), every request waits here until it has loaded, so that no
 * request sees the moved clock and the first page already shows the demo. Otherwise one volatile read.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class DemoMonthGate extends HttpFilter {

    /** Longer than the demo takes to load on a slow machine; then the request goes on regardless (503). */
    static final long MAX_WAIT_MILLIS = 120_000;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (DemoTime.loading()) {
            try {
                if (!DemoTime.awaitLoaded(MAX_WAIT_MILLIS)) {
                    response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE, "the demo month is still loading");
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE, "the demo month is still loading");
                return;
            }
        }
        chain.doFilter(request, response);
    }
}
