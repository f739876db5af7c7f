package dev.stallkeeper.protocol;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * Huawei API Gateway AK/SK signing, {@code SDK-HMAC-SHA256} (spec §7.4), used for the KooGallery open APIs such as
 * Query Order:
 * <pre>
 * CanonicalRequest = Method \n CanonicalURI \n CanonicalQueryString \n CanonicalHeaders \n SignedHeaders \n
 *                    hex(SHA256(body))
 * StringToSign     = "SDK-HMAC-SHA256" \n X-Sdk-Date \n hex(SHA256(CanonicalRequest))
 * Signature        = hex(HMAC_SHA256(SK, StringToSign))
 * </pre>
 * Encoding follows Huawei's Java SDK: RFC 3986 percent-encoding with upper-case hex, only {@code A-Z a-z 0-9 - _ . ~}
 * left as is (plus {@code /} in the path). Query strings are read with RFC 3986 semantics: {@code +} is a literal
 * plus, so a space must be sent as {@code %20}.
 */
public final class ApigSigner {

    /** The algorithm name, first word of the {@code Authorization} header. */
    public static final String ALGORITHM = "SDK-HMAC-SHA256";
    /** Signing time header, {@code yyyyMMdd'T'HHmmss'Z'} in UTC. */
    public static final String HEADER_SDK_DATE = "X-Sdk-Date";
    /** The header that carries access key, signed header list and signature. */
    public static final String HEADER_AUTHORIZATION = "Authorization";
    /** The host header, always signed. */
    public static final String HEADER_HOST = "Host";

    private ApigSigner() {
    }

    /**
     * The canonical request for exactly the given headers (names lower-cased and sorted, values trimmed). The
     * canonical URI is the decoded path re-encoded per RFC 3986 and always ends with {@code /}; query parameters are
     * decoded, re-encoded and sorted by name, then by value.
     *
     * @param body the request body; null is the empty body
     * @throws IllegalArgumentException if two header names differ only in case, or the query is malformed
     */
    public static String canonicalRequest(String method, URI uri, Map<String, String> headersToSign, byte[] body) {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(uri, "uri");
        Map<String, String> lower = lowerCaseHeaders(headersToSign);
        StringBuilder canonicalHeaders = new StringBuilder();
        lower.forEach((name, value) -> canonicalHeaders.append(name).append(':').append(value).append('\n'));
        return method.toUpperCase(Locale.ROOT) + '\n'
                + canonicalUri(uri) + '\n'
                + canonicalQuery(uri.getRawQuery()) + '\n'
                + canonicalHeaders + '\n'
                + signedHeaders(lower) + '\n'
                + Crypto.lowerHex(Crypto.sha256(body == null ? new byte[0] : body));
    }

    /** {@code "SDK-HMAC-SHA256\n" + sdkDate + "\n" + lowerHex(SHA256(canonicalRequest))}. */
    public static String stringToSign(String sdkDate, String canonicalRequest) {
        return ALGORITHM + '\n' + sdkDate + '\n'
                + Crypto.lowerHex(Crypto.sha256(canonicalRequest.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Lower-hex HMAC-SHA256 of the string to sign under the secret key.
     *
     * @throws IllegalArgumentException if {@code sk} is null or empty
     */
    public static String signature(String sk, String stringToSign) {
        return Crypto.lowerHex(Crypto.hmacSha256(sk, stringToSign));
    }

    /**
     * Signs a request. Returns a new map: the given headers (minus any previous {@code X-Sdk-Date} or
     * {@code Authorization}) plus {@code X-Sdk-Date} for {@code now} and {@code Authorization}. Every given header
     * is signed, and so is the host: the given {@code Host} header if there is one, otherwise the URI's host with
     * its port when the port is not the scheme's default. The host is not added to the returned map because HTTP
     * clients set it themselves (and {@code java.net.http} refuses to).
     */
    public static Map<String, String> sign(String method, URI uri, Map<String, String> headers, byte[] body,
            String ak, String sk, Instant now) {
        Objects.requireNonNull(headers, "headers");
        Objects.requireNonNull(ak, "ak");
        Objects.requireNonNull(now, "now");
        Map<String, String> result = new LinkedHashMap<>();
        headers.forEach((name, value) -> {
            if (!name.equalsIgnoreCase(HEADER_SDK_DATE) && !name.equalsIgnoreCase(HEADER_AUTHORIZATION)) {
                result.put(name, value);
            }
        });
        String sdkDate = KooTime.formatUsage(now);
        result.put(HEADER_SDK_DATE, sdkDate);

        Map<String, String> toSign = new LinkedHashMap<>(result);
        if (find(toSign, HEADER_HOST) == null) {
            toSign.put(HEADER_HOST, hostOf(uri));
        }
        String canonical = canonicalRequest(method, uri, toSign, body);
        String signedHeaders = signedHeaders(lowerCaseHeaders(toSign));
        String sig = signature(sk, stringToSign(sdkDate, canonical));
        result.put(HEADER_AUTHORIZATION,
                ALGORITHM + " Access=" + ak + ", SignedHeaders=" + signedHeaders + ", Signature=" + sig);
        return result;
    }

    /**
     * Server-side check of a request signed by {@link #sign} or Huawei's SDK: the {@code Authorization} header is
     * parsed, {@code Access} must equal {@code ak}, the signature is recomputed over the headers listed in
     * {@code SignedHeaders} (which must include {@code x-sdk-date}) and compared in constant time, and
     * {@code X-Sdk-Date} must be within {@code window} of the clock, in either direction. Header names are matched
     * case-insensitively; a signed {@code host} that is not among the headers is taken from the URI.
     *
     * @return false, never an exception, for any missing, malformed or mismatching part
     */
    public static boolean verify(String method, URI uri, Map<String, String> headers, byte[] body, String ak,
            String sk, Duration window, Clock clock) {
        if (method == null || uri == null || headers == null || Crypto.isBlank(ak) || Crypto.isBlank(sk)
                || window == null || clock == null) {
            return false;
        }
        Map<String, String> auth = parseAuthorization(find(headers, HEADER_AUTHORIZATION));
        if (auth == null || !ak.equals(auth.get("Access"))) {
            return false;
        }
        String signedHeaders = auth.get("SignedHeaders");
        String received = auth.get("Signature");
        if (Crypto.isBlank(signedHeaders) || !Crypto.isHex(received, 64)) {
            return false;
        }
        Map<String, String> toSign = new LinkedHashMap<>();
        for (String name : signedHeaders.split(";", -1)) {
            if (name.isEmpty() || !name.equals(name.toLowerCase(Locale.ROOT)) || toSign.containsKey(name)) {
                return false;
            }
            String value = find(headers, name);
            if (value == null && name.equals("host") && uri.getHost() != null) {
                value = hostOf(uri);
            }
            if (value == null) {
                return false;
            }
            toSign.put(name, value);
        }
        String sdkDate = toSign.get("x-sdk-date");
        if (sdkDate == null) {
            return false;
        }
        Instant signedAt;
        try {
            signedAt = KooTime.parseUsage(sdkDate.trim());
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (Duration.between(signedAt, clock.instant()).abs().compareTo(window) > 0) {
            return false;
        }
        String expected;
        try {
            expected = signature(sk, stringToSign(sdkDate.trim(), canonicalRequest(method, uri, toSign, body)));
        } catch (IllegalArgumentException e) {
            return false;
        }
        return Crypto.hexEquals(expected, received);
    }

    /** The host as signed: the URI's host, with the port unless it is absent or the scheme's default. */
    static String hostOf(URI uri) {
        String host = uri.getHost();
        if (host == null) {
            throw new IllegalArgumentException("URI has no host: " + uri);
        }
        int port = uri.getPort();
        boolean defaultPort = port == -1
                || (port == 443 && "https".equalsIgnoreCase(uri.getScheme()))
                || (port == 80 && "http".equalsIgnoreCase(uri.getScheme()));
        return defaultPort ? host : host + ":" + port;
    }

    /** Header names lower-cased and sorted, values trimmed (null as empty). */
    private static Map<String, String> lowerCaseHeaders(Map<String, String> headers) {
        Objects.requireNonNull(headers, "headers");
        Map<String, String> lower = new TreeMap<>();
        for (Map.Entry<String, String> h : headers.entrySet()) {
            String name = h.getKey().toLowerCase(Locale.ROOT);
            String value = h.getValue() == null ? "" : h.getValue().trim();
            if (lower.put(name, value) != null) {
                throw new IllegalArgumentException("header given twice: " + name);
            }
        }
        return lower;
    }

    private static String signedHeaders(Map<String, String> lowerCaseHeaders) {
        return String.join(";", lowerCaseHeaders.keySet());
    }

    private static String find(Map<String, String> headers, String name) {
        for (Map.Entry<String, String> h : headers.entrySet()) {
            if (h.getKey() != null && h.getKey().equalsIgnoreCase(name)) {
                return h.getValue();
            }
        }
        return null;
    }

    /** {@code Access}, {@code SignedHeaders} and {@code Signature} of the header; null if it is not one of ours. */
    private static Map<String, String> parseAuthorization(String value) {
        if (value == null || !value.startsWith(ALGORITHM + " ")) {
            return null;
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (String part : value.substring(ALGORITHM.length() + 1).split(",")) {
            int eq = part.indexOf('=');
            if (eq < 0) {
                return null;
            }
            String name = part.substring(0, eq).trim();
            if (params.put(name, part.substring(eq + 1).trim()) != null) {
                return null;
            }
        }
        return params;
    }

    private static String canonicalUri(URI uri) {
        String path = uri.getPath();
        if (path == null || path.isEmpty()) {
            return "/";
        }
        String encoded = encode(path, true);
        if (!encoded.startsWith("/")) {
            encoded = "/" + encoded;
        }
        return encoded.endsWith("/") ? encoded : encoded + "/";
    }

    private static String canonicalQuery(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return "";
        }
        List<String[]> pairs = new ArrayList<>();
        for (String param : rawQuery.split("&")) {
            if (param.isEmpty()) {
                continue;
            }
            int eq = param.indexOf('=');
            String name = eq < 0 ? param : param.substring(0, eq);
            String value = eq < 0 ? "" : param.substring(eq + 1);
            pairs.add(new String[] {encode(decode(name), false), encode(decode(value), false)});
        }
        pairs.sort((a, b) -> {
            int byName = a[0].compareTo(b[0]);
            return byName != 0 ? byName : a[1].compareTo(b[1]);
        });
        StringJoiner joined = new StringJoiner("&");
        pairs.forEach(p -> joined.add(p[0] + "=" + p[1]));
        return joined.toString();
    }

    /** RFC 3986 percent-encoding of the UTF-8 bytes; {@code /} is kept when encoding a path. */
    static String encode(String s, boolean path) {
        StringBuilder out = new StringBuilder(s.length());
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            boolean unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.' || c == '~';
            if (unreserved || (path && c == '/')) {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }

    /** Percent-decoding with RFC 3986 semantics ({@code +} stays a plus); escapes are UTF-8 bytes. */
    private static String decode(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(s.length());
        int i = 0;
        while (i < s.length()) {
            int next = s.indexOf('%', i);
            if (next < 0) {
                next = s.length();
            }
            bytes.writeBytes(s.substring(i, next).getBytes(StandardCharsets.UTF_8));
            if (next == s.length()) {
                break;
            }
            if (next + 2 >= s.length()) {
                throw new IllegalArgumentException("truncated percent-escape in query");
            }
            int hi = hexValue(s.charAt(next + 1));
            int lo = hexValue(s.charAt(next + 2));
            if (hi < 0 || lo < 0) {
                throw new IllegalArgumentException("invalid percent-escape in query");
            }
            bytes.write((hi << 4) | lo);
            i = next + 3;
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static int hexValue(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        return -1;
    }
}
