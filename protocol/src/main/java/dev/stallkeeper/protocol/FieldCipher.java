package dev.stallkeeper.protocol;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.BadPaddingException;
import javax.crypto.Cipher;
import javax.crypto.IllegalBlockSizeException;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * V1 sensitive-field encryption (spec §2.6): {@code iv + base64(AES-CBC-PKCS5Padding(k, iv, UTF-8(plaintext)))}
 * where {@code iv} is 16 printable ASCII characters sent in clear and used byte for byte as the CBC IV, and
 * {@code k} is derived from the access key through Sun's {@code SHA1PRNG}.
 */
public final class FieldCipher {

    /** Length of the clear-text IV prefix, in characters (and bytes: it is ASCII). */
    public static final int IV_LENGTH = 16;

    private static final String IV_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private FieldCipher() {
    }

    /**
     * The AES key Huawei's Java sample derives: {@code KeyGenerator("AES").init(bits, SHA1PRNG seeded with key)},
     * which is the first {@code bits / 8} bytes of the {@code SHA1PRNG} stream.
     *
     * @param bits 128 (V1 {@code encryptType} "2") or 256 ({@code encryptType} "1", the default)
     * @throws IllegalArgumentException if {@code key} is null or empty or {@code bits} is neither 128 nor 256
     */
    public static byte[] deriveKey(String key, int bits) {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("key must not be null or empty");
        }
        if (bits != 128 && bits != 256) {
            throw new IllegalArgumentException("bits must be 128 or 256, got " + bits);
        }
        try {
            // The provider is pinned: only Sun's SHA1PRNG is deterministic once seeded before first use, and other
            // providers implement SHA1PRNG differently. Drawing the bytes directly, rather than through
            // KeyGenerator, gives the same key without depending on which provider supplies AES key generation.
            SecureRandom prng = SecureRandom.getInstance("SHA1PRNG", "SUN");
            prng.setSeed(key.getBytes(StandardCharsets.UTF_8));
            byte[] aesKey = new byte[bits / 8];
            prng.nextBytes(aesKey);
            return aesKey;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA1PRNG from provider SUN unavailable", e);
        }
    }

    /** Encrypts with a fresh random IV of 16 characters from {@code [A-Za-z0-9]}. */
    public static String encrypt(String key, int bits, String plaintext) {
        char[] iv = new char[IV_LENGTH];
        for (int i = 0; i < iv.length; i++) {
            iv[i] = IV_ALPHABET.charAt(RANDOM.nextInt(IV_ALPHABET.length()));
        }
        return encrypt(key, bits, plaintext, new String(iv));
    }

    /**
     * Encrypts with the given IV, which is returned as the value's prefix.
     *
     * @throws IllegalArgumentException if the key or bits are invalid (see {@link #deriveKey}), the plaintext is
     *         null, or {@code iv} is not exactly 16 ASCII characters
     */
    public static String encrypt(String key, int bits, String plaintext, String iv) {
        if (plaintext == null) {
            throw new IllegalArgumentException("plaintext must not be null");
        }
        byte[] ivBytes = ivBytes(iv);
        byte[] ct = run(Cipher.ENCRYPT_MODE, key, bits, ivBytes, plaintext.getBytes(StandardCharsets.UTF_8));
        return iv + Base64.getEncoder().encodeToString(ct);
    }

    /**
     * Decrypts a value produced by {@link #encrypt}.
     *
     * @throws IllegalArgumentException if the key or bits are invalid, the value is null or too short, the IV is
     *         not ASCII, the rest is not base64, the padding is wrong (usually: wrong key or bits), or the plaintext is
     *         not UTF-8
     */
    public static String decrypt(String key, int bits, String value) {
        if (value == null || value.length() <= IV_LENGTH) {
            throw new IllegalArgumentException("encrypted value must be a 16-character IV followed by base64");
        }
        byte[] ivBytes = ivBytes(value.substring(0, IV_LENGTH));
        byte[] ct;
        try {
            ct = Base64.getDecoder().decode(value.substring(IV_LENGTH));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("ciphertext after the IV is not base64", e);
        }
        byte[] plain = run(Cipher.DECRYPT_MODE, key, bits, ivBytes, ct);
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(plain))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("decrypted value is not UTF-8 (wrong key?)", e);
        }
    }

    private static byte[] ivBytes(String iv) {
        if (iv == null || iv.length() != IV_LENGTH) {
            throw new IllegalArgumentException("IV must be exactly " + IV_LENGTH + " characters");
        }
        for (int i = 0; i < iv.length(); i++) {
            if (iv.charAt(i) > 0x7f) {
                throw new IllegalArgumentException("IV must be ASCII");
            }
        }
        return iv.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] run(int mode, String key, int bits, byte[] iv, byte[] input) {
        SecretKeySpec aesKey = new SecretKeySpec(deriveKey(key, bits), "AES");
        try {
            Cipher cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
            cipher.init(mode, aesKey, new IvParameterSpec(iv));
            return cipher.doFinal(input);
        } catch (BadPaddingException | IllegalBlockSizeException e) {
            throw new IllegalArgumentException("cannot decrypt: wrong key, wrong bits or corrupted value", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/CBC/PKCS5Padding unavailable", e);
        }
    }
}
