package dev.stallkeeper.security.application;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import java.util.HashMap;
import java.util.Map;

/**
 * Password hashes in Jakarta Security's PBKDF2 format, with the parameters the login identity store verifies
 * with (the web module's {@code @DatabaseIdentityStoreDefinition} uses the same constants).
 */
@ApplicationScoped
public class PasswordHashing {

    public static final String ALGORITHM = "Pbkdf2PasswordHash.Algorithm=PBKDF2WithHmacSHA512";
    /** OWASP's 2023 figure for PBKDF2-HMAC-SHA512. */
    public static final String ITERATIONS = "Pbkdf2PasswordHash.Iterations=210000";
    public static final String SALT_BYTES = "Pbkdf2PasswordHash.SaltSizeBytes=32";
    public static final String KEY_BYTES = "Pbkdf2PasswordHash.KeySizeBytes=64";

    @Inject
    Pbkdf2PasswordHash hash;

    /** A hash of a random password: what a login of an unknown user is checked against (the same work). */
    private String dummy;

    @PostConstruct
    void configure() {
        Map<String, String> parameters = new HashMap<>();
        for (String p : new String[] {ALGORITHM, ITERATIONS, SALT_BYTES, KEY_BYTES}) {
            int eq = p.indexOf('=');
            parameters.put(p.substring(0, eq), p.substring(eq + 1));
        }
        hash.initialize(parameters);
        dummy = hash.generate(java.util.UUID.randomUUID().toString().toCharArray());
    }

    /**
     * Spends what checking {@code password} against a real user's hash costs, and fails: a login naming an
     * unknown or disabled user takes as long as a wrong password of a real one, so response times do not tell
     * which user names exist.
     */
    public void verifyNobody(char[] password) {
        hash.verify(password, dummy);
    }

    /** Whether {@code password} matches a stored hash of this format. */
    public boolean verify(char[] password, String storedHash) {
        try {
            return storedHash != null && hash.verify(password, storedHash);
        } catch (IllegalArgumentException e) {
            return false; // not a hash of this format
        }
    }

    public String hash(char[] password) {
        return hash.generate(password);
    }
}
