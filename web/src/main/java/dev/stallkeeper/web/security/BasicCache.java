package dev.stallkeeper.web.security;

import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Basic credentials that passed the PBKDF2 check a moment ago, so that an API client calling many times a minute
 * pays the hash once per {@link #TTL}. Kept per node (a cache, not shared state): the key is a SHA-256 of the user
 * name and password (never the password itself), the value the account's last-change stamp, so a changed password
 * or role, a disabled account or an expired entry all fall back to the full check.
 */
final class BasicCache {

    static final Duration TTL = Duration.ofSeconds(60);
    static final int MAX_ENTRIES = 1_000;

    private record Entry(String stamp, long expiresAtNanos) {
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    /** The account stamp remembered for these credentials, while the entry is fresh. */
    Optional<String> valid(UsernamePasswordCredential credential) {
        String key = key(credential);
        Entry e = entries.get(key);
        if (e == null) {
            return Optional.empty();
        }
        if (System.nanoTime() - e.expiresAtNanos() > 0) {
            entries.remove(key, e);
            return Optional.empty();
        }
        return Optional.of(e.stamp());
    }

    void remember(UsernamePasswordCredential credential, String stamp) {
        if (entries.size() >= MAX_ENTRIES) {
            entries.clear(); // bounded: a flood of distinct credentials costs them the cache, not the heap
        }
        entries.put(key(credential), new Entry(stamp, System.nanoTime() + TTL.toNanos()));
    }

    private static String key(UsernamePasswordCredential credential) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(credential.getCaller().getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(credential.getPasswordAsString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
