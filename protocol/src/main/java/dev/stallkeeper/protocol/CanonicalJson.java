package dev.stallkeeper.protocol;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.TreeMap;

/**
 * The "RequestPayload" of the V2 and Kit signatures (spec §2.2.3).
 *
 * <p>Huawei's reference parses the body into a map, copies it into a {@code TreeMap}, drops null values and
 * re-serialises it with a default Jackson mapper. This class reproduces that output without a round trip through
 * Java types: only top-level keys are sorted, nested objects and arrays keep the order in which they arrived, and
 * every number keeps its source text (a {@code double} round trip would turn {@code 12.780} into {@code 12.78}).
 */
public final class CanonicalJson {

    private CanonicalJson() {
    }

    /**
     * Returns the canonical payload of a request body: top-level keys in natural {@link String} order, top-level
     * entries whose value is JSON {@code null} removed (empty strings kept), nested values unchanged in order and
     * number text, compact, non-ASCII raw, {@code /} unescaped.
     *
     * @throws MalformedBodyException under the same conditions as {@link Json#parseObject(byte[])}
     */
    public static String canonicalize(byte[] rawBody) {
        String text = Json.decodeUtf8(rawBody);
        Map<String, String> members = new TreeMap<>();
        try (JsonParser p = Json.strictParser(text)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                throw new MalformedBodyException("body is empty");
            }
            if (first != JsonToken.START_OBJECT) {
                throw new MalformedBodyException("body is not a JSON object (starts with " + first.asString() + ")");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (value == JsonToken.VALUE_NULL) {
                    continue;
                }
                members.put(name, copyValue(p));
            }
            if (p.nextToken() != null) {
                throw new MalformedBodyException("body has content after the JSON object");
            }
        } catch (JsonProcessingException e) {
            throw Json.malformed(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // reading from a String cannot fail
        }
        return writeObject(members);
    }

    /** Copies the value at the parser's current token as compact JSON, keeping nested order and number text. */
    private static String copyValue(JsonParser p) throws IOException {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = Json.strictFactory().createGenerator(out)) {
            int depth = 0;
            do {
                JsonToken t = p.currentToken();
                switch (t) {
                    case START_OBJECT -> { g.writeStartObject(); depth++; }
                    case END_OBJECT -> { g.writeEndObject(); depth--; }
                    case START_ARRAY -> { g.writeStartArray(); depth++; }
                    case END_ARRAY -> { g.writeEndArray(); depth--; }
                    case FIELD_NAME -> g.writeFieldName(p.currentName());
                    case VALUE_STRING -> g.writeString(p.getText());
                    // getText() is the literal as it appeared in the body; writeNumber(String) emits it verbatim.
                    case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> g.writeNumber(p.getText());
                    case VALUE_TRUE -> g.writeBoolean(true);
                    case VALUE_FALSE -> g.writeBoolean(false);
                    case VALUE_NULL -> g.writeNull();
                    default -> throw new MalformedBodyException("unexpected JSON token " + t);
                }
            } while (depth > 0 && p.nextToken() != null);
        }
        return out.toString();
    }

    private static String writeObject(Map<String, String> members) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = Json.strictFactory().createGenerator(out)) {
            g.writeStartObject();
            for (Map.Entry<String, String> e : members.entrySet()) {
                g.writeFieldName(e.getKey());
                g.writeRawValue(e.getValue());
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
