package dev.stallkeeper.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The {@code signature} header of the pay-per-use usage push (spec §7.2):
 * <pre>
 * signature = base64(HMAC_SHA256(key, "ts=" + ts + "&amp;nonce=" + nonce + "&amp;body=" + body))
 * </pre>
 * signed with the basic-interface key. The body must be sent exactly as signed; {@link #canonicalBody(JsonNode)}
 * produces the sorted form to both sign and send.
 */
public final class UsagePushSignature {

    private UsagePushSignature() {
    }

    /**
     * Base64 signature over the exact body string.
     *
     * @throws IllegalArgumentException if {@code key} is null or empty
     * @throws NullPointerException if {@code ts}, {@code nonce} or {@code body} is null
     */
    public static String sign(String key, String ts, String nonce, String body) {
        Objects.requireNonNull(ts, "ts");
        Objects.requireNonNull(nonce, "nonce");
        Objects.requireNonNull(body, "body");
        return Base64.getEncoder().encodeToString(Crypto.hmacSha256(key, stringToSign(ts, nonce, body)));
    }

    /**
     * Whether {@code signature} is the base64 signature of the request; constant-time on the decoded bytes. False,
     * never an exception, for null or blank inputs or undecodable base64.
     */
    public static boolean verify(String key, String ts, String nonce, String body, String signature) {
        if (Crypto.isBlank(key) || Crypto.isBlank(ts) || Crypto.isBlank(nonce) || body == null
                || Crypto.isBlank(signature)) {
            return false;
        }
        byte[] received;
        try {
            received = Base64.getDecoder().decode(signature.trim());
        } catch (IllegalArgumentException e) {
            return false;
        }
        byte[] expected = Crypto.hmacSha256(key.getBytes(StandardCharsets.UTF_8),
                stringToSign(ts, nonce, body).getBytes(StandardCharsets.UTF_8));
        return MessageDigest.isEqual(expected, received);
    }

    /**
     * Serialises {@code body} compactly with the keys of every object sorted in natural {@link String} order, at
     * every depth; array order is kept. Huawei says the body is signed "after natural sorting" without naming a
     * depth, so sorting recursively is the choice that is stable whatever the depth they sort.
     */
    public static String canonicalBody(JsonNode body) {
        return new String(Json.write(sorted(body)), StandardCharsets.UTF_8);
    }

    static String stringToSign(String ts, String nonce, String body) {
        return "ts=" + ts + "&nonce=" + nonce + "&body=" + body;
    }

    private static JsonNode sorted(JsonNode node) {
        if (node.isObject()) {
            Map<String, JsonNode> members = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                members.put(e.getKey(), sorted(e.getValue()));
            }
            ObjectNode copy = Json.mapper().getNodeFactory().objectNode();
            copy.setAll(members);
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = Json.mapper().getNodeFactory().arrayNode(node.size());
            node.forEach(element -> copy.add(sorted(element)));
            return copy;
        }
        return node;
    }
}
