package dev.stallkeeper.tenancy.application;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stallkeeper.platform.StallkeeperConfig;
import dev.stallkeeper.tenancy.application.SsoException.Reason;
import dev.stallkeeper.tenancy.domain.KitTenant;
import dev.stallkeeper.tenancy.infrastructure.IdentityServiceClient;
import dev.stallkeeper.tenancy.infrastructure.KitStore;
import dev.stallkeeper.platform.SecretSealer;
import dev.stallkeeper.tenancy.infrastructure.SsoStore;
import dev.stallkeeper.tenancy.infrastructure.TenancyKeys;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Single sign-on of tenant users (spec §6.3, §6.4): the OAuth 2.0 authorization-code flow against the tenant's
 * identity service at its {@code domainName}, mapped to a user that authSync authorised for the app, and a
 * server-side session for the seller's SaaS.
 *
 * <ul>
 *   <li>{@link #start}: a login we start (§6.4): a single-use state stored here, and the authorize URL;</li>
 *   <li>{@link #complete}: the callback with {@code code}, {@code tenant} and, when we started it, {@code state};
 *       a login KooGallery's portal started (§6.3) carries no state and is accepted without one;</li>
 *   <li>{@link #current}, {@link #refresh}, {@link #logout}: the session behind the cookie token.</li>
 * </ul>
 * A session lives until its access token expires; refresh renews it with the refresh token. Every session read
 * checks that the user is still authorised, so a revocation by authSync takes effect at once. Tokens and the
 * client secret are sealed at rest; the cookie token is stored only as its SHA-256.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class SsoService {

    private static final Logger LOG = Logger.getLogger(SsoService.class);
    /** How long a state we issued stays valid: a login that takes longer starts again. */
    static final Duration STATE_LIFETIME = Duration.ofMinutes(10);
    /** How long a used code is remembered (identity services accept a code for minutes). */
    static final Duration CODE_MEMORY = Duration.ofDays(1);
    /**
     * Live states, and codes presented in {@link #STATE_LIFETIME}, one client address may have: enough for an office
     * behind one address signing in at nine, a bound on what an anonymous caller can make us store and call.
     */
    static final int MAX_PER_ADDRESS = 100;
    /** The refresh token's documented lifetime (spec §6.3). */
    static final Duration REFRESH_LIFETIME = Duration.ofDays(30);
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    StallkeeperConfig config;

    @Inject
    KitStore kit;

    @Inject
    SsoStore store;

    @Inject
    TenancyKeys keys;

    @Inject
    Clock clock;

    /** Where to send the browser, and the state to bind to it (a cookie). */
    public record LoginStart(URI authorizeUri, String state) {
    }

    /** A signed-in user: the cookie token (shown only once, here) and who it is. */
    public record SignedIn(String sessionToken, SessionView session) {
    }

    /** What the seller's SaaS learns about the user behind a session. */
    public record SessionView(String tenantId, String tenantName, String appId, String userName, String name,
                              String role, String orgCode, Instant expiresAt) {
    }

    /** A portal-started login after the code exchange: who would be signed in, and the token that confirms it. */
    public record Confirmation(String confirmToken, SessionView who) {
    }

    /** What a callback leads to: a session, or (portal-started) a question to the browser first. */
    public record Outcome(SignedIn signedIn, Confirmation confirmation) {
    }

    public LoginStart start(String tenantId, String redirectUri, String address) {
        Resolved r = resolve(tenantId);
        Instant now = clock.instant();
        if (store.liveStates(address, now.minus(STATE_LIFETIME)) >= MAX_PER_ADDRESS) {
            throw new SsoException(Reason.TOO_MANY, "too many sign-ins started from " + address);
        }
        String state = random(24);
        store.issueState(state, r.tenant().tenantId(), r.app().appId(), address, now);
        return new LoginStart(r.idp().authorizeUri(r.app().clientId(), redirectUri, state), state);
    }

    /**
     * Completes a login. {@code stateCookie} is the state bound to this browser by {@link #start}.
     *
     * @throws SsoException with the reason the error page shows
     */
    public Outcome complete(String code, String tenantId, String state, String stateCookie, String redirectUri,
                            String address) {
        if (code == null || code.isBlank() || code.length() > 1024) {
            throw new SsoException(Reason.BAD_REQUEST, "code missing");
        }
        Instant now = clock.instant();
        if (store.recentCodes(address, now.minus(STATE_LIFETIME)) >= MAX_PER_ADDRESS) {
            throw new SsoException(Reason.TOO_MANY, "too many sign-in codes from " + address);
        }
        if (state != null) {
            // a state we issued, for this browser, this tenant, unused and fresh
            if (stateCookie == null || !MessageDigest.isEqual(state.getBytes(StandardCharsets.UTF_8),
                    stateCookie.getBytes(StandardCharsets.UTF_8))) {
                consumeQuietly(state, now);
                throw new SsoException(Reason.FORGED_STATE, "state not bound to this browser");
            }
            SsoStore.IssuedState issued = store.consumeState(state, now.minus(STATE_LIFETIME))
                    .orElseThrow(() -> new SsoException(Reason.FORGED_STATE, "state unknown, expired or used"));
            if (tenantId != null && !tenantId.equals(issued.tenantId())) {
                throw new SsoException(Reason.FORGED_STATE, "state issued for another tenant");
            }
            tenantId = issued.tenantId();
        }
        Resolved r = resolve(tenantId);
        if (!store.claimCode(sha256(code), r.tenant().tenantId(), address, now)) {
            throw new SsoException(Reason.REPLAYED_CODE, "authorization code already used");
        }
        IdentityServiceClient.TokenAnswer token;
        ObjectNode info;
        try {
            token = r.idp().exchangeCode(r.app().clientId(), r.secret(), code, redirectUri);
            if (!token.ok()) {
                if ("invalid_grant".equals(token.error())) {
                    throw new SsoException(Reason.REPLAYED_CODE, "the identity service refused the code (invalid_grant)");
                }
                LOG.warnf("Token exchange for tenant %s failed: HTTP %d %s", r.tenant().tenantId(), token.status(),
                        token.error());
                throw new SsoException(Reason.IDENTITY_SERVICE, "token exchange failed: HTTP " + token.status());
            }
            info = r.idp().userinfo(token.accessToken());
        } catch (IOException e) {
            LOG.warnf("Identity service of tenant %s unreachable: %s", r.tenant().tenantId(), e.toString());
            throw new SsoException(Reason.IDENTITY_SERVICE, "identity service unreachable");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SsoException(Reason.IDENTITY_SERVICE, "interrupted");
        }
        if (info == null) {
            throw new SsoException(Reason.IDENTITY_SERVICE, "userinfo refused the access token");
        }
        String userName = info.path("userName").asText("");
        String infoTenant = info.path("tenant").asText("");
        if (userName.isEmpty()) {
            throw new SsoException(Reason.IDENTITY_SERVICE, "userinfo without userName");
        }
        if (!infoTenant.isEmpty() && !infoTenant.equals(r.tenant().tenantId())) {
            throw new SsoException(Reason.NOT_AUTHORISED, "the user belongs to another tenant");
        }
        KitStore.SignInUser user = store.authorisedUser(r.tenant().tenantId(), r.app().appId(), userName)
                .orElseThrow(() -> new SsoException(Reason.NOT_AUTHORISED, "user not authorised"));
        if (state == null) {
            // KooGallery's portal started it, so nothing ties it to this browser: a link with someone else's code
            // would sign the victim in as that someone (login CSRF). The browser confirms who it signs in as.
            String confirmToken = random(32);
            store.createPending(sha256(confirmToken), new SsoStore.PendingRow(r.tenant().tenantId(), r.app().appId(),
                    user.userName(), r.sealer().seal(token.accessToken(), pendingContext(confirmToken)),
                    token.refreshToken() == null ? null : r.sealer().seal(token.refreshToken(), pendingContext(confirmToken)),
                    token.expiresIn()), now);
            return new Outcome(null, new Confirmation(confirmToken, new SessionView(r.tenant().tenantId(),
                    r.tenant().name(), r.app().appId(), user.userName(), user.name(), user.role(), user.orgCode(), null)));
        }
        return new Outcome(openSession(r, user, token.accessToken(), token.refreshToken(), token.expiresIn(), now), null);
    }

    /**
     * Completes a portal-started login that its browser confirmed: {@code formToken} from the confirmation form
     * must equal {@code cookieToken} (a SameSite=Strict cookie another site's form does not carry); single use.
     */
    public SignedIn confirm(String formToken, String cookieToken) {
        if (formToken == null || cookieToken == null || formToken.length() > 64 || !MessageDigest.isEqual(
                formToken.getBytes(StandardCharsets.UTF_8), cookieToken.getBytes(StandardCharsets.UTF_8))) {
            throw new SsoException(Reason.FORGED_STATE, "confirmation not from the browser that signed in");
        }
        Instant now = clock.instant();
        SsoStore.PendingRow p = store.takePending(sha256(formToken), now.minus(STATE_LIFETIME))
                .orElseThrow(() -> new SsoException(Reason.FORGED_STATE, "confirmation unknown, expired or used"));
        Resolved r = resolve(p.tenantId());
        KitStore.SignInUser user = store.authorisedUser(p.tenantId(), p.appId(), p.userName())
                .orElseThrow(() -> new SsoException(Reason.NOT_AUTHORISED, "user not authorised"));
        String access = r.sealer().open(p.sealedAccessToken(), pendingContext(formToken))
                .orElseThrow(() -> new SsoException(Reason.IDENTITY_SERVICE, "token cannot be opened"));
        String refresh = p.sealedRefreshToken() == null ? null : r.sealer().open(p.sealedRefreshToken(),
                pendingContext(formToken)).orElse(null);
        return openSession(r, user, access, refresh, p.expiresIn(), now);
    }

    private SignedIn openSession(Resolved r, KitStore.SignInUser user, String accessToken, String refreshToken,
                                 long expiresIn, Instant now) {
        String sessionToken = random(32);
        Instant expires = now.plusSeconds(expiresIn > 0 ? expiresIn : 7200);
        store.createSession(sha256(sessionToken), new SsoStore.SessionRow(r.tenant().tenantId(), r.app().appId(),
                user.userName(), user.name(), user.role(), user.orgCode(),
                r.sealer().seal(accessToken, tokenContext(sessionToken)),
                refreshToken == null ? null : r.sealer().seal(refreshToken, tokenContext(sessionToken)),
                expires, now.plus(REFRESH_LIFETIME)), now);
        LOG.infof("SSO: %s of tenant %s signed in", user.userName(), r.tenant().tenantId());
        return new SignedIn(sessionToken, new SessionView(r.tenant().tenantId(), r.tenant().name(), r.app().appId(),
                user.userName(), user.name(), user.role(), user.orgCode(), expires));
    }

    /** Forgets expired states, pending logins, old codes and dead sessions (the housekeeping job). */
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public int purge() {
        Instant now = clock.instant();
        return store.purge(now.minus(STATE_LIFETIME), now.minus(CODE_MEMORY), now);
    }

    /** The session behind the token: present while unexpired, the tenant active and the user still authorised. */
    public Optional<SessionView> current(String sessionToken) {
        return live(sessionToken).filter(s -> s.expiresAt().isAfter(clock.instant())).map(this::view);
    }

    /**
     * Renews the session's access token with its refresh token (even after the access token expired, within the
     * refresh token's life); the user must still be authorised.
     *
     * @throws SsoException when there is no session to renew, or the identity service refuses
     */
    public SessionView refresh(String sessionToken) {
        SsoStore.SessionRow s = live(sessionToken)
                .orElseThrow(() -> new SsoException(Reason.BAD_REQUEST, "no session"));
        Instant now = clock.instant();
        if (s.sealedRefreshToken() == null || s.refreshExpiresAt() == null || !s.refreshExpiresAt().isAfter(now)) {
            store.deleteSession(sha256(sessionToken));
            throw new SsoException(Reason.BAD_REQUEST, "session cannot be refreshed");
        }
        Resolved r = resolve(s.tenantId());
        String refreshToken = r.sealer().open(s.sealedRefreshToken(), tokenContext(sessionToken))
                .orElseThrow(() -> new SsoException(Reason.IDENTITY_SERVICE, "refresh token cannot be opened"));
        IdentityServiceClient.TokenAnswer token;
        try {
            token = r.idp().refresh(r.app().clientId(), r.secret(), refreshToken);
        } catch (IOException e) {
            throw new SsoException(Reason.IDENTITY_SERVICE, "identity service unreachable");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SsoException(Reason.IDENTITY_SERVICE, "interrupted");
        }
        if (!token.ok()) {
            store.deleteSession(sha256(sessionToken));
            throw new SsoException(Reason.IDENTITY_SERVICE, "refresh refused: " + token.error());
        }
        Instant expires = now.plusSeconds(token.expiresIn() > 0 ? token.expiresIn() : 7200);
        String newRefresh = token.refreshToken() == null ? refreshToken : token.refreshToken();
        store.renewSession(sha256(sessionToken), r.sealer().seal(token.accessToken(), tokenContext(sessionToken)),
                r.sealer().seal(newRefresh, tokenContext(sessionToken)), expires, now);
        return view(new SsoStore.SessionRow(s.tenantId(), s.appId(), s.userName(), s.displayName(), s.role(),
                s.orgCode(), null, null, expires, s.refreshExpiresAt()));
    }

    /**
     * Ends the session (if any) and returns the identity service's logout URL that sends the browser on to
     * {@code landingUrl}; empty when there was no session or its tenant is unknown.
     */
    public Optional<URI> logout(String sessionToken, String landingUrl) {
        if (sessionToken == null || sessionToken.isBlank()) {
            return Optional.empty();
        }
        String id = sha256(sessionToken);
        Optional<SsoStore.SessionRow> s = store.session(id);
        store.deleteSession(id);
        return s.flatMap(row -> kit.tenant(row.tenantId()))
                .map(t -> new IdentityServiceClient(t.domainName(), config.openApiTimeout()).logoutUri(landingUrl));
    }

    private Optional<SsoStore.SessionRow> live(String sessionToken) {
        if (sessionToken == null || sessionToken.isBlank() || sessionToken.length() > 128) {
            return Optional.empty();
        }
        Optional<SsoStore.SessionRow> row = store.session(sha256(sessionToken));
        if (row.isEmpty()) {
            return row;
        }
        SsoStore.SessionRow s = row.get();
        boolean stillAllowed = kit.tenant(s.tenantId()).filter(KitTenant::active).isPresent()
                && store.authorisedUser(s.tenantId(), s.appId(), s.userName()).isPresent();
        if (!stillAllowed) {
            store.deleteSession(sha256(sessionToken));
            return Optional.empty();
        }
        return row;
    }

    private SessionView view(SsoStore.SessionRow s) {
        String tenantName = kit.tenant(s.tenantId()).map(KitTenant::name).orElse(null);
        return new SessionView(s.tenantId(), tenantName, s.appId(), s.userName(), s.displayName(), s.role(),
                s.orgCode(), s.expiresAt());
    }

    private void consumeQuietly(String state, Instant now) {
        if (state.length() <= 64) {
            store.consumeState(state, now.minus(STATE_LIFETIME)); // a leaked state is burnt, not left for another try
        }
    }

    /** The tenant, its app's OAuth client with the opened secret, and its identity service. */
    private record Resolved(KitTenant tenant, KitStore.Application app, String secret, SecretSealer sealer,
                            IdentityServiceClient idp) {
    }

    private Resolved resolve(String tenantId) {
        if (tenantId == null || tenantId.isBlank() || tenantId.length() > 64) {
            throw new SsoException(Reason.UNKNOWN_TENANT, "tenant missing");
        }
        KitTenant tenant = kit.tenant(tenantId).filter(KitTenant::active)
                .orElseThrow(() -> new SsoException(Reason.UNKNOWN_TENANT, "tenant not synchronised"));
        Optional<String> refusal = IdentityServiceAddress.refusal(URI.create(tenant.domainName()),
                config.ssoAllowedHosts(), config.ssoAllowHttp(), InetAddress::getAllByName);
        if (refusal.isPresent()) {
            LOG.warnf("SSO of tenant %s refused: %s", tenantId, refusal.get());
            throw new SsoException(Reason.IDENTITY_SERVICE, refusal.get());
        }
        List<KitStore.Application> apps = kit.activeApplications(tenantId);
        Optional<String> wanted = config.appId();
        KitStore.Application app;
        if (wanted.isPresent()) {
            app = apps.stream().filter(a -> a.appId().equals(wanted.get())).findFirst()
                    .orElseThrow(() -> new SsoException(Reason.NO_APPLICATION, "no credentials for the app"));
        } else if (apps.size() == 1) {
            app = apps.get(0);
        } else {
            throw new SsoException(Reason.NO_APPLICATION, apps.isEmpty() ? "no application credentials"
                    : "several applications: set KOOGALLERY_APP_ID");
        }
        SecretSealer sealer = keys.sealer()
                .orElseThrow(() -> new SsoException(Reason.NO_APPLICATION, "STALLKEEPER_DATA_KEY not configured"));
        String secret = sealer.open(app.sealedSecret(), KitStore.secretContext(tenantId, app.appId()))
                .orElseThrow(() -> new SsoException(Reason.NO_APPLICATION, "client secret cannot be opened"));
        return new Resolved(tenant, app, secret, sealer,
                new IdentityServiceClient(tenant.domainName(), config.openApiTimeout()));
    }

    private static String pendingContext(String confirmToken) {
        return "sso_pending:" + sha256(confirmToken);
    }

    private static String tokenContext(String sessionToken) {
        return "sso_session:" + sha256(sessionToken);
    }

    private static String random(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
