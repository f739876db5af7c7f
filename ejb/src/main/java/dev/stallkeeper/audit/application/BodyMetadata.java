package dev.stallkeeper.audit.application;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * What is kept of a refused request's body: its size, its SHA-256 and at most its first {@value #PREFIX_BYTES} bytes.
 * Nothing else of it is read.
 */
public record BodyMetadata(long size, String sha256, byte[] prefix) {

    /** Longest prefix of a refused body that is stored. */
    public static final int PREFIX_BYTES = 1024;

    /** The metadata of a body held in memory. */
    public static BodyMetadata of(byte[] body) {
        MessageDigest sha = newDigest();
        sha.update(body);
        return new BodyMetadata(body.length, HexFormat.of().formatHex(sha.digest()),
                Arrays.copyOf(body, Math.min(body.length, PREFIX_BYTES)));
    }

    /**
     * Reads at most {@code limit} bytes of {@code in} through the digest without keeping them (a small buffer at a
     * time), so that a refused request costs no heap whatever its size. The size counts the bytes read.
     */
    public static BodyMetadata drain(InputStream in, long limit) throws IOException {
        MessageDigest sha = newDigest();
        byte[] prefix = new byte[PREFIX_BYTES];
        int prefixLength = 0;
        byte[] buffer = new byte[8192];
        long size = 0;
        int n;
        while (size < limit && (n = in.read(buffer, 0, (int) Math.min(buffer.length, limit - size))) > 0) {
            if (prefixLength < PREFIX_BYTES) {
                int copy = Math.min(n, PREFIX_BYTES - prefixLength);
                System.arraycopy(buffer, 0, prefix, prefixLength, copy);
                prefixLength += copy;
            }
            sha.update(buffer, 0, n);
            size += n;
        }
        return new BodyMetadata(size, HexFormat.of().formatHex(sha.digest()), Arrays.copyOf(prefix, prefixLength));
    }

    /** A body that was not read at all (refused before its first byte): its declared size, no digest. */
    public static BodyMetadata unread(long declaredSize) {
        return new BodyMetadata(Math.max(0, declaredSize), null, new byte[0]);
    }

    /** SHA-256 of {@code scope} followed by {@code body}, lower hex: what a nonce is bound to. */
    static String fingerprint(byte[] scope, byte[] body) {
        MessageDigest sha = newDigest();
        sha.update(scope);
        return HexFormat.of().formatHex(sha.digest(body));
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BodyMetadata m && size == m.size && Objects.equals(sha256, m.sha256) && Arrays.equals(prefix, m.prefix);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(sha256);
    }

    @Override
    public String toString() {
        return "BodyMetadata[size=" + size + ", sha256=" + sha256 + "]";
    }
}
