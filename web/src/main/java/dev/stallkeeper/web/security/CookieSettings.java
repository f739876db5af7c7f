package dev.stallkeeper.web.security;

import dev.stallkeeper.platform.StallkeeperConfig;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.SessionCookieConfig;
import jakarta.servlet.annotation.WebListener;

/**
 * The console's session cookie: HttpOnly, SameSite=Strict (see WEB-INF/undertow-handlers.conf) and Secure
 * unless {@code STALLKEEPER_SECURE_COOKIES=false} (only for plain-HTTP local use such as the quick start).
 */
@WebListener
public class CookieSettings implements ServletContextListener {

    @Inject
    StallkeeperConfig config;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        SessionCookieConfig cookie = event.getServletContext().getSessionCookieConfig();
        cookie.setName("STALLKEEPER_SESSION");
        cookie.setHttpOnly(true);
        cookie.setSecure(Boolean.parseBoolean(config.value("STALLKEEPER_SECURE_COOKIES", "true")));
        cookie.setPath("/");
    }
}
