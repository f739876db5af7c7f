package dev.stallkeeper.web.sso;

import dev.stallkeeper.platform.StallkeeperConfig;
import dev.stallkeeper.tenancy.application.SsoException;
import dev.stallkeeper.tenancy.application.SsoService;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Single sign-on of tenant users for the seller's SaaS (spec §6.3, §6.4; docs/joint-operation.md):
 * <ul>
 *   <li>{@code GET /api/sso/login?tenant=} starts a login (state bound to the browser) at the tenant's identity service;</li>
 *   <li>{@code GET /api/sso/callback?code=&tenant=[&state=]} is the redirect URI registered with KooGallery; a
 *       sign-in KooGallery's portal started (no state) asks the browser to confirm who it signs in as first;</li>
 *   <li>{@code POST /api/sso/confirm} answers that question (token in the form and a SameSite=Strict cookie);</li>
 *   <li>{@code GET /api/sso/me} tells the seller's SaaS who is signed in (JSON, 401 without a session);</li>
 *   <li>{@code POST /api/sso/refresh} renews the session with the refresh token;</li>
 *   <li>{@code GET|POST /api/sso/logout} ends it and signs out at the identity service.</li>
 * </ul>
 * The session cookie {@value #SESSION_COOKIE} holds a random token (HttpOnly, SameSite=Lax, Secure unless
 * {@code STALLKEEPER_SECURE_COOKIES=false}); failures are an HTML page with the reason, never a stack trace.
 */
@Path("/sso")
public class SsoResource {

    public static final String SESSION_COOKIE = "STALLKEEPER_SSO";
    public static final String STATE_COOKIE = "STALLKEEPER_SSO_STATE";
    public static final String CONFIRM_COOKIE = "STALLKEEPER_SSO_CONFIRM";
    private static final int STATE_COOKIE_SECONDS = 600;

    @Inject
    SsoService sso;

    @Inject
    StallkeeperConfig config;

    @Context
    UriInfo uri;

    @Context
    HttpServletRequest request;

    @GET
    @Path("login")
    public Response login(@QueryParam("tenant") String tenant) {
        try {
            SsoService.LoginStart start = sso.start(tenant, redirectUri(), request.getRemoteAddr());
            return Response.seeOther(start.authorizeUri())
                    .cookie(cookie(STATE_COOKIE, start.state(), "/api/sso/", STATE_COOKIE_SECONDS))
                    .cacheControl(noStore()).build();
        } catch (SsoException e) {
            return SsoErrorPage.of(e.reason(), tenant);
        }
    }

    @GET
    @Path("callback")
    public Response callback(@QueryParam("code") String code, @QueryParam("tenant") String tenant,
                             @QueryParam("state") String state, @CookieParam(STATE_COOKIE) String stateCookie,
                             @CookieParam(SESSION_COOKIE) String sessionToken) {
        try {
            SsoService.Outcome outcome = sso.complete(code, tenant, state, stateCookie, redirectUri(),
                    request.getRemoteAddr());
            if (outcome.confirmation() != null) {
                SsoService.Confirmation c = outcome.confirmation();
                return Response.fromResponse(SsoErrorPage.confirmation(c.who(), c.confirmToken(),
                                sso.current(sessionToken).orElse(null)))
                        .cookie(new NewCookie.Builder(CONFIRM_COOKIE).value(c.confirmToken()).path("/api/sso/")
                                .maxAge(STATE_COOKIE_SECONDS).httpOnly(true).secure(config.secureCookies())
                                .sameSite(NewCookie.SameSite.STRICT).build()).build();
            }
            return signedIn(outcome.signedIn());
        } catch (SsoException e) {
            return SsoErrorPage.of(e.reason(), tenant);
        }
    }

    /** The confirmation of a portal-started sign-in (the form {@link #callback} showed). */
    @POST
    @Path("confirm")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response confirm(@FormParam("token") String token, @CookieParam(CONFIRM_COOKIE) String cookieToken) {
        try {
            return Response.fromResponse(signedIn(sso.confirm(token, cookieToken)))
                    .cookie(cookie(CONFIRM_COOKIE, "", "/api/sso/", 0)).build();
        } catch (SsoException e) {
            return SsoErrorPage.of(e.reason(), null);
        }
    }

    private Response signedIn(SsoService.SignedIn in) {
        return Response.seeOther(landing())
                .cookie(cookie(SESSION_COOKIE, in.sessionToken(), "/", -1), cookie(STATE_COOKIE, "", "/api/sso/", 0))
                .cacheControl(noStore()).build();
    }

    @GET
    @Path("me")
    @Produces(MediaType.APPLICATION_JSON)
    public Response me(@CookieParam(SESSION_COOKIE) String token) {
        return sso.current(token).map(s -> Response.ok(json(s)).cacheControl(noStore()).build())
                .orElseGet(SsoResource::unauthorised);
    }

    @POST
    @Path("refresh")
    @Produces(MediaType.APPLICATION_JSON)
    public Response refresh(@CookieParam(SESSION_COOKIE) String token) {
        try {
            return Response.ok(json(sso.refresh(token))).cacheControl(noStore()).build();
        } catch (SsoException e) {
            return Response.fromResponse(unauthorised()).cookie(cookie(SESSION_COOKIE, "", "/", 0)).build();
        }
    }

    @GET
    @Path("logout")
    public Response logoutGet(@CookieParam(SESSION_COOKIE) String token) {
        return logout(token);
    }

    @POST
    @Path("logout")
    public Response logout(@CookieParam(SESSION_COOKIE) String token) {
        URI landing = landing();
        URI next = sso.logout(token, landing.toString()).orElse(landing);
        return Response.seeOther(next).cookie(cookie(SESSION_COOKIE, "", "/", 0)).cacheControl(noStore()).build();
    }

    /** STALLKEEPER_SSO_LANDING_URL, absolute (a path is taken on this server, not under /api). */
    private URI landing() {
        return uri.getBaseUri().resolve(config.ssoLandingUrl());
    }

    private String redirectUri() {
        return config.ssoRedirectUri().orElseGet(() -> uri.getBaseUriBuilder().path("sso/callback").build().toString());
    }

    private NewCookie cookie(String name, String value, String path, int maxAge) {
        return new NewCookie.Builder(name).value(value).path(path).maxAge(maxAge).httpOnly(true)
                .secure(config.secureCookies()).sameSite(NewCookie.SameSite.LAX).build();
    }

    private static CacheControl noStore() {
        CacheControl cc = new CacheControl();
        cc.setNoStore(true);
        cc.setNoCache(true);
        return cc;
    }

    private static Response unauthorised() {
        return Response.status(Response.Status.UNAUTHORIZED).type(MediaType.APPLICATION_JSON)
                .entity(Map.of("error", "not_signed_in", "message", "No SSO session; sign in through the tenant's login"))
                .cacheControl(noStore()).build();
    }

    private static Map<String, Object> json(SsoService.SessionView s) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("tenantId", s.tenantId());
        out.put("tenantName", s.tenantName());
        out.put("appId", s.appId());
        out.put("userName", s.userName());
        out.put("name", s.name());
        out.put("role", s.role());
        out.put("orgCode", s.orgCode());
        out.put("expiresAt", s.expiresAt().toString());
        return out;
    }
}
