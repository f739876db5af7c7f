package dev.stallkeeper.protocol.kit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;

/**
 * The {@code clientSecret} of {@code applicationSync} (spec §6.2): RSA with OAEP padding under the public key the
 * seller gave KooGallery (at least 3072 bits), base64-encoded.
 *
 * <p>The OAEP hash is undocumented (spec §9a point 10), so decryption tries the three parameter sets Java and
 * other stacks commonly produce: SHA-256 with MGF1-SHA-256, SHA-256 with MGF1-SHA-1 (what Java's
 * {@code OAEPWithSHA-256AndMGF1Padding} means) and SHA-1 with MGF1-SHA-1. OAEP decryption under the wrong
 * parameters fails its integrity check, so trying several never yields a wrong plaintext. Base64 and base64url
 * are accepted. Stateless and thread-safe.
 */
public final class ClientSecretCipher {

    /** The OAEP parameter sets tried, in order. The first is the one {@link #encrypt} uses. */
    static final List<OAEPParameterSpec> PARAMETERS = List.of(
            new OAEPParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, PSource.PSpecified.DEFAULT),
            new OAEPParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA1, PSource.PSpecified.DEFAULT),
            new OAEPParameterSpec("SHA-1", "MGF1", MGF1ParameterSpec.SHA1, PSource.PSpecified.DEFAULT));

    private static final String TRANSFORMATION = "RSA/ECB/OAEPPadding";

    private ClientSecretCipher() {
    }

    /**
     * The plaintext secret, or empty when {@code encoded} is blank, not base64, or not decryptable with
     * {@code privateKey} under any of the {@linkplain #PARAMETERS parameter sets}. Never throws for bad input.
     */
    public static Optional<String> decrypt(PrivateKey privateKey, String encoded) {
        Objects.requireNonNull(privateKey, "privateKey");
        byte[] cipherText = decodeBase64(encoded);
        if (cipherText == null || cipherText.length == 0) {
            return Optional.empty();
        }
        for (OAEPParameterSpec spec : PARAMETERS) {
            try {
                Cipher cipher = Cipher.getInstance(TRANSFORMATION);
                cipher.init(Cipher.DECRYPT_MODE, privateKey, spec);
                byte[] plain = cipher.doFinal(cipherText);
                String secret = new String(plain, StandardCharsets.UTF_8);
                if (!secret.isEmpty()) {
                    return Optional.of(secret);
                }
            } catch (GeneralSecurityException e) {
                // wrong parameter set or not encrypted for this key: try the next one
            }
        }
        return Optional.empty();
    }

    /** Base64 of the secret encrypted as KooGallery does (first parameter set); for simulators and tests. */
    public static String encrypt(PublicKey publicKey, String secret) {
        return encrypt(publicKey, secret, PARAMETERS.get(0));
    }

    static String encrypt(PublicKey publicKey, String secret, OAEPParameterSpec spec) {
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.ENCRYPT_MODE, publicKey, spec);
            return Base64.getEncoder().encodeToString(cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA-OAEP encryption failed", e);
        }
    }

    /**
     * An RSA private key from PEM text ({@code -----BEGIN PRIVATE KEY-----}, PKCS#8, as {@code openssl genpkey}
     * writes it) or from bare base64 of the PKCS#8 DER.
     *
     * @throws IllegalArgumentException when the text is not such a key (the message never contains key material)
     */
    public static PrivateKey privateKeyFromPem(String pem) {
        if (pem != null && pem.contains("BEGIN RSA PRIVATE KEY")) {
            throw new IllegalArgumentException("PKCS#1 key: convert it with "
                    + "'openssl pkcs8 -topk8 -nocrypt -in key.pem -out key-pkcs8.pem'");
        }
        if (pem != null && pem.contains("ENCRYPTED PRIVATE KEY")) {
            throw new IllegalArgumentException("encrypted private keys are not supported; give an unencrypted PKCS#8 key");
        }
        byte[] der = pemBody(pem, "PRIVATE KEY");
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an RSA private key in PKCS#8 form");
        }
    }

    /** An RSA public key from PEM text ({@code -----BEGIN PUBLIC KEY-----}, X.509 SubjectPublicKeyInfo). */
    public static PublicKey publicKeyFromPem(String pem) {
        byte[] der = pemBody(pem, "PUBLIC KEY");
        try {
            return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an RSA public key in X.509 form");
        }
    }

    /** PEM text of a key's encoded form ({@code PRIVATE KEY} for PKCS#8, {@code PUBLIC KEY} for X.509). */
    public static String toPem(java.security.Key key) {
        String type = key instanceof PrivateKey ? "PRIVATE KEY" : "PUBLIC KEY";
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded())
                + "\n-----END " + type + "-----\n";
    }

    private static byte[] pemBody(String pem, String type) {
        if (pem == null || pem.isBlank()) {
            throw new IllegalArgumentException("no key given");
        }
        String text = pem.trim();
        String begin = "-----BEGIN " + type + "-----";
        String end = "-----END " + type + "-----";
        int from = text.indexOf(begin);
        if (from >= 0) {
            int to = text.indexOf(end, from);
            if (to < 0) {
                throw new IllegalArgumentException("PEM without its END line");
            }
            text = text.substring(from + begin.length(), to);
        } else if (text.startsWith("-----BEGIN")) {
            throw new IllegalArgumentException("expected a PEM '" + type + "'");
        }
        try {
            return Base64.getMimeDecoder().decode(text.replaceAll("\\s+", ""));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the key is not valid base64");
        }
    }

    private static byte[] decodeBase64(String encoded) {
        if (encoded == null || encoded.isBlank()) {
            return null;
        }
        String s = encoded.trim();
        try {
            return Base64.getDecoder().decode(s);
        } catch (IllegalArgumentException e) {
            try {
                return Base64.getUrlDecoder().decode(s);
            } catch (IllegalArgumentException e2) {
                return null;
            }
        }
    }
}
