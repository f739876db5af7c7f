package dev.stallkeeper.platform;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals secrets for storage (tenants' application passwords, stored callback answers, OAuth client secrets, access
 * and refresh tokens) with AES-GCM under the data key(s)
 * from {@code STALLKEEPER_DATA_KEY}. A sealed value is {@code v1.<key id>.<base64(iv || ciphertext || tag)>}:
 * the key id (first 8 hex digits of the key's SHA-256) lets an old key keep opening what it sealed while a new
 * first key seals. The associated data binds a value to its row ({@code "kit_application:<tenant>:<app>"}), so a
 * sealed secret copied into another row does not open. Immutable and thread-safe.
 */
public final class SecretSealer {

    private static final String PREFIX = "v1";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern SEALED = Pattern.compile("v1\\.[0-9a-f]{8}\\.[A-Za-z0-9+/]+=*");

    private final List<DataKey> keys;

    private record DataKey(String id, SecretKeySpec spec) {
    }

    /**
     * @param base64Keys AES keys (16, 24 or 32 bytes, base64), the sealing key first; at least one
     * @throws IllegalArgumentException when a key is not base64 of an AES key length (the message holds no key material)
     */
    public SecretSealer(List<String> base64Keys) {
        Objects.requireNonNull(base64Keys, "base64Keys");
        if (base64Keys.isEmpty()) {
            throw new IllegalArgumentException("no data key configured");
        }
        List<DataKey> parsed = new ArrayList<>();
        for (int i = 0; i < base64Keys.size(); i++) {
            byte[] raw;
            try {
                raw = Base64.getDecoder().decode(base64Keys.get(i).trim());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("data key #" + (i + 1) + " is not base64");
            }
            if (raw.length != 16 && raw.length != 24 && raw.length != 32) {
                throw new IllegalArgumentException("data key #" + (i + 1) + " must be 16, 24 or 32 bytes, not "
                        + raw.length);
            }
            parsed.add(new DataKey(keyId(raw), new SecretKeySpec(raw, "AES")));
        }
        this.keys = List.copyOf(parsed);
    }

    /**
     * Whether {@code value} has the form of a sealed value ({@code v1.<8 hex digits>.<base64>}). Values stored
     * before sealing began (or without a data key) are plain and do not have it.
     */
    public static boolean isSealed(String value) {
        return value != null && SEALED.matcher(value).matches();
    }

    /** Seals {@code plaintext} with the first key, bound to {@code context}. */
    public String seal(String plaintext, String context) {
        Objects.requireNonNull(plaintext, "plaintext");
        DataKey key = keys.get(0);
        byte[] iv = new byte[IV_BYTES];
        RANDOM.nextBytes(iv);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key.spec(), new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[iv.length + sealed.length];
            System.arraycopy(iv, 0, out, 0, iv.length);
            System.arraycopy(sealed, 0, out, iv.length, sealed.length);
            return PREFIX + "." + key.id() + "." + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }

    /** The plaintext of a sealed value; empty when the key is not configured, the value was altered or the context differs. */
    public Optional<String> open(String sealed, String context) {
        if (sealed == null) {
            return Optional.empty();
        }
        String[] parts = sealed.split("\\.", 3);
        if (parts.length != 3 || !PREFIX.equals(parts[0])) {
            return Optional.empty();
        }
        for (DataKey key : keys) {
            if (!key.id().equals(parts[1])) {
                continue;
            }
            try {
                byte[] in = Base64.getDecoder().decode(parts[2]);
                if (in.length <= IV_BYTES) {
                    return Optional.empty();
                }
                Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
                cipher.init(Cipher.DECRYPT_MODE, key.spec(), new GCMParameterSpec(TAG_BITS, in, 0, IV_BYTES));
                cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
                return Optional.of(new String(cipher.doFinal(in, IV_BYTES, in.length - IV_BYTES), StandardCharsets.UTF_8));
            } catch (GeneralSecurityException | IllegalArgumentException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static String keyId(byte[] raw) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw)).substring(0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
