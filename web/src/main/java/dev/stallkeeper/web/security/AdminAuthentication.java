package dev.stallkeeper.web.security;

import dev.stallkeeper.security.application.AdminAccounts;
import dev.stallkeeper.security.application.LoginThrottle;
import dev.stallkeeper.security.application.PasswordHashing;
import dev.stallkeeper.security.domain.AdminAccount;
import dev.stallkeeper.security.domain.Role;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.DatabaseIdentityStoreDefinition;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Who is calling the admin console and the admin API. Pages ({@code /admin/**}) use form login with a session
 * (the login page calls {@code SecurityContext.authenticate}; the session id changes at login); the API
 * ({@code /api/admin/**}) uses HTTP Basic on every request and never creates or reads a session, so that a browser's console session cannot be used against the API
 * from another site. Both check the same users, in the application's database, with PBKDF2 hashes.
 *
 * <p>Guessing is slowed down ({@link LoginThrottle}): after repeated failures a user name or a client address is
 * locked for a while, and a locked login is refused before any password is hashed (429 with {@code Retry-After}
 * for the API, a message on the login page). An unknown or disabled user costs the same hashing as a wrong
 * password. A successful Basic check is remembered for {@link BasicCache#TTL} so that API clients do not pay
 * PBKDF2 on every request; the account's state and roles are still read on every request.
 */
@ApplicationScoped
@DatabaseIdentityStoreDefinition(
        dataSourceLookup = "java:jboss/datasources/StallkeeperDS",
        callerQuery = "SELECT password_hash FROM admin_user WHERE username = ? AND enabled = TRUE",
        groupsQuery = "SELECT LOWER(role) FROM admin_user_role WHERE username = ?",
        hashAlgorithm = Pbkdf2PasswordHash.class,
        hashAlgorithmParameters = {PasswordHashing.ALGORITHM, PasswordHashing.ITERATIONS,
                PasswordHashing.SALT_BYTES, PasswordHashing.KEY_BYTES})
public class AdminAuthentication implements HttpAuthenticationMechanism {

    static final String API = "/api/admin/";
    static final String LOGIN_PAGE = "/admin/login.xhtml";
    static final String REALM = "Basic realm=\"Stallkeeper admin API\", charset=\"UTF-8\"";

    @Inject
    IdentityStoreHandler identityStore;

    @Inject
    AdminAccounts accounts;

    @Inject
    LoginThrottle throttle;

    @Inject
    PasswordHashing hashing;

    private final BasicCache cache = new BasicCache();

    /** Request attribute: until when the login that was just refused is locked (the login page says so). */
    public static final String LOCKED_UNTIL = "stallkeeper.login.lockedUntil";

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
                                                HttpMessageContext context) {
        if (request.getRequestURI().startsWith(API)) {
            return basic(request, response, context);
        }
        Credential credential = context.getAuthParameters().getCredential();
        if (credential instanceof UsernamePasswordCredential c) {
            CredentialValidationResult result = check(c, request);
            if (result.getStatus() == CredentialValidationResult.Status.VALID) {
                request.getSession(true);
                request.changeSessionId(); // no session fixation
                request.getSession().setAttribute(SessionLogin.ATTRIBUTE,
                        new SessionLogin(result.getCallerPrincipal().getName()));
            }
            return context.notifyContainerAboutLogin(result);
        }
        HttpSession session = request.getSession(false);
        if (session != null && session.getAttribute(SessionLogin.ATTRIBUTE) instanceof SessionLogin login) {
            // Roles are read again on every request: a user disabled or demoted by an admin loses access at once.
            Optional<AdminAccount> account = accounts.find(login.username()).filter(AdminAccount::enabled);
            if (account.isPresent()) {
                return context.notifyContainerAboutLogin(login.username(),
                        account.get().roles().stream().map(Role::id).collect(Collectors.toSet()));
            }
            session.invalidate();
        }
        if (context.isProtected()) {
            return context.redirect(request.getContextPath() + LOGIN_PAGE);
        }
        return context.doNothing();
    }

    private AuthenticationStatus basic(HttpServletRequest request, HttpServletResponse response,
                                       HttpMessageContext context) {
        UsernamePasswordCredential credential = parseBasic(request.getHeader("Authorization"));
        if (credential == null) {
            if (!context.isProtected()) {
                return context.doNothing();
            }
            response.setHeader("WWW-Authenticate", REALM);
            return context.responseUnauthorized();
        }
        Optional<AdminAccount> cached = cache.valid(credential)
                .flatMap(stamp -> accounts.find(credential.getCaller()).filter(a -> a.enabled()
                        && stamp.equals(a.updatedAt().toString())));
        if (cached.isPresent()) {
            return context.notifyContainerAboutLogin(cached.get().username(),
                    cached.get().roles().stream().map(Role::id).collect(Collectors.toSet()));
        }
        CredentialValidationResult result = check(credential, request);
        if (request.getAttribute(LOCKED_UNTIL) instanceof Instant until) {
            return tooManyAttempts(response, until);
        }
        if (result.getStatus() != CredentialValidationResult.Status.VALID) {
            response.setHeader("WWW-Authenticate", REALM);
            return context.responseUnauthorized();
        }
        accounts.find(credential.getCaller()).ifPresent(a -> cache.remember(credential, a.updatedAt().toString()));
        return context.notifyContainerAboutLogin(result);
    }

    /**
     * The password check with the throttle around it: a locked user or address is refused without hashing (the
     * request gets {@link #LOCKED_UNTIL}); an unknown or disabled user costs a dummy hash; failures are counted,
     * a success forgets them.
     */
    private CredentialValidationResult check(UsernamePasswordCredential credential, HttpServletRequest request) {
        String user = credential.getCaller();
        String address = request.getRemoteAddr();
        Optional<Instant> locked = throttle.lockedUntil(user, address);
        if (locked.isPresent()) {
            request.setAttribute(LOCKED_UNTIL, locked.get());
            return CredentialValidationResult.INVALID_RESULT;
        }
        CredentialValidationResult result = identityStore.validate(credential);
        if (result.getStatus() == CredentialValidationResult.Status.VALID) {
            throttle.succeeded(user, address);
            return result;
        }
        if (accounts.find(user).filter(AdminAccount::enabled).isEmpty()) {
            hashing.verifyNobody(credential.getPassword().getValue());
        }
        throttle.failed(user, address).ifPresent(until -> request.setAttribute(LOCKED_UNTIL, until));
        return result;
    }

    private static AuthenticationStatus tooManyAttempts(HttpServletResponse response, Instant until) {
        long seconds = Math.max(1, Duration.between(Instant.now(), until).toSeconds() + 1);
        response.setStatus(429);
        response.setHeader("Retry-After", Long.toString(seconds));
        response.setContentType("application/json");
        try {
            response.getWriter().write("{\"error\":\"too many failed logins: try again after " + until + "\","
                    + "\"key\":\"login.locked\",\"lockedUntil\":\"" + until + "\"}");
            response.flushBuffer();
        } catch (IOException e) {
            // the client went away: nothing else to tell it
        }
        return AuthenticationStatus.SEND_FAILURE;
    }

    static UsernamePasswordCredential parseBasic(String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon <= 0 ? null : new UsernamePasswordCredential(decoded.substring(0, colon), decoded.substring(colon + 1));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
