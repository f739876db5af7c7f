package dev.stallkeeper.web.usage;

import dev.stallkeeper.platform.StallkeeperConfig;
import dev.stallkeeper.web.error.ApiError;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.NameBinding;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/**
 * Authentication of the seller's SaaS on {@code /api/usage}: {@code Authorization: Bearer <token>} with one of the
 * tokens in {@code STALLKEEPER_USAGE_TOKEN} (comma-separated, for rotation). Compared in constant time over SHA-256
 * digests, so neither content nor length leaks through timing. No token configured: the API is off (503).
 * A machine token rather than a console user: the console's PBKDF2 check costs about 0.1 s per request.
 */
@Provider
@UsageToken.Required
@Priority(Priorities.AUTHENTICATION)
public class UsageToken implements ContainerRequestFilter {

    /** Marks resources that need the usage token. */
    @NameBinding
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.TYPE, ElementType.METHOD})
    public @interface Required {
    }

    @Inject
    StallkeeperConfig config;

    @Override
    public void filter(ContainerRequestContext request) {
        List<String> tokens = config.usageTokens();
        if (tokens.isEmpty()) {
            request.abortWith(ApiError.of(Response.Status.SERVICE_UNAVAILABLE,
                    "usage reporting is off: STALLKEEPER_USAGE_TOKEN is not set"));
            return;
        }
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7) || !matches(tokens, header.substring(7).trim())) {
            request.abortWith(Response.fromResponse(ApiError.of(Response.Status.UNAUTHORIZED,
                    "a valid usage token is required (Authorization: Bearer <STALLKEEPER_USAGE_TOKEN>)"))
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"Stallkeeper usage\"").build());
        }
    }

    /**
     * Whether {@code presented} is one of {@code tokens}: constant time per token; every token is compared (no early
     * exit). Also checks the metrics token.
     */
    public static boolean matches(List<String> tokens, String presented) {
        byte[] given = sha256(presented);
        boolean found = false;
        for (String token : tokens) {
            found |= MessageDigest.isEqual(sha256(token), given);
        }
        return found;
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
