package dev.stallkeeper.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The one Jackson configuration of the wire format.
 *
 * <p>Numbers are read as exact {@link java.math.BigDecimal}s so that a value such as {@code 12.780} is written
 * back unchanged; output is compact UTF-8 with non-ASCII characters raw and {@code /} unescaped, which is what
 * Huawei's Jackson-based reference produces (spec §2.2.3).
 */
public final class Json {

    /** Deepest nesting {@link #parseObject(byte[])} accepts; the top-level object is depth 1. */
    public static final int MAX_NESTING_DEPTH = 32;

    private static final ObjectMapper MAPPER = configure(new ObjectMapper());

    // Inbound bodies are untrusted: duplicate keys would make "which value was signed" ambiguous, and the
    // nesting cap bounds the work a hostile body can cause. Kept separate so that mapper() stays lenient
    // for trusted data (our own messages, KooGallery API responses).
    private static final JsonFactory STRICT_FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH).build())
            .build();

    private static final ObjectMapper STRICT_MAPPER = configure(new ObjectMapper(STRICT_FACTORY))
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private Json() {
    }

    private static ObjectMapper configure(ObjectMapper m) {
        m.setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));
        m.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
        m.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        return m;
    }

    /**
     * The shared mapper: exact big decimals for floats, unknown properties ignored, compact output.
     * It is thread-safe for reading and writing; callers must not reconfigure it.
     */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /**
     * Parses an untrusted body that must be exactly one JSON object.
     *
     * @throws MalformedBodyException if the body is null or empty, not valid UTF-8 (a byte-order mark counts as
     *         content before the object), not a JSON object, has content after the object (whitespace aside),
     *         repeats a key in any object, nests deeper than {@value #MAX_NESTING_DEPTH}, holds a number that
     *         cannot be represented (such as {@code 1E-2147483648}), or holds a NUL character in any name or string
     *         (PostgreSQL cannot store it)
     */
    public static ObjectNode parseObject(byte[] body) {
        String text = decodeUtf8(body);
        JsonNode node;
        try {
            node = STRICT_MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw malformed(e);
        } catch (RuntimeException e) {
            // e.g. NumberFormatException from an exponent BigDecimal cannot hold: hostile input, not our failure
            throw new MalformedBodyException(e instanceof NumberFormatException || e instanceof ArithmeticException
                    ? "body holds a number that cannot be represented" : "body is not a valid JSON object", e);
        }
        if (node == null || node.isMissingNode()) {
            throw new MalformedBodyException("body is empty");
        }
        if (!node.isObject()) {
            throw new MalformedBodyException("body is a JSON " + node.getNodeType().name().toLowerCase(Locale.ROOT)
                    + ", expected an object");
        }
        if (holdsNul(node)) {
            throw new MalformedBodyException("body holds a NUL character (\\u0000)");
        }
        return (ObjectNode) node;
    }

    private static boolean holdsNul(JsonNode node) {
        if (node.isTextual()) {
            return node.textValue().indexOf('\0') >= 0;
        }
        if (node.isObject()) {
            var fields = node.fields();
            while (fields.hasNext()) {
                var field = fields.next();
                if (field.getKey().indexOf('\0') >= 0 || holdsNul(field.getValue())) {
                    return true;
                }
            }
        } else if (node.isArray()) {
            for (JsonNode element : node) {
                if (holdsNul(element)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Serialises {@code node} as compact UTF-8 JSON: non-ASCII characters raw, {@code /} not escaped,
     * decimals exactly as held by the node.
     */
    public static byte[] write(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            // A tree of plain nodes always serialises; only a custom POJO node could fail.
            throw new IllegalStateException("cannot serialise JSON tree", e);
        }
    }

    /** A streaming parser with the same strictness as {@link #parseObject(byte[])}. */
    static JsonParser strictParser(String text) throws IOException {
        return STRICT_FACTORY.createParser(text);
    }

    static JsonFactory strictFactory() {
        return STRICT_FACTORY;
    }

    /**
     * Decodes strictly as UTF-8. Parsing from the decoded text (rather than letting Jackson sniff the bytes)
     * also stops UTF-16/UTF-32 bodies from being accepted.
     */
    static String decodeUtf8(byte[] body) {
        if (body == null || body.length == 0) {
            throw new MalformedBodyException("body is empty");
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new MalformedBodyException("body is not valid UTF-8", e);
        }
    }

    static MalformedBodyException malformed(JsonProcessingException e) {
        JsonLocation loc = e.getLocation();
        String where = loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
        return new MalformedBodyException("body is not a valid JSON object: " + e.getOriginalMessage() + where, e);
    }
}
