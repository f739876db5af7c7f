package dev.stallkeeper.web.security;

import jakarta.faces.application.ViewExpiredException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * A console form posted with a ViewState token that this server did not issue (a forged cross-site post, or a
 * form left open past the session) is refused with 403 and a page that says nothing was changed.
 */
@WebFilter(urlPatterns = "*.xhtml")
public class ExpiredFormFilter extends HttpFilter {

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        try {
            chain.doFilter(request, response);
        } catch (ServletException e) {
            if (!isExpiredView(e) || response.isCommitted()) {
                throw e;
            }
            response.reset();
            response.setStatus(HttpServletResponse.SC_FORBIDDEN);
            request.getRequestDispatcher("/expired.html").forward(request, response);
        }
    }

    private static boolean isExpiredView(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof ViewExpiredException) {
                return true;
            }
        }
        return false;
    }
}
