package dev.stallkeeper.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Builds the JSON body of a produce-interface response (spec §1.3): {@code resultCode}, then {@code resultMsg},
 * then activity-specific fields such as {@code instanceId} or {@code info} in the order they were added. The
 * bytes from {@link #toBytes()} are the ones to send and, if a {@link BodySign} header is added, to sign.
 *
 * <p>A builder: mutable and not thread-safe.
 */
public final class ProduceResponse {

    /** Longest {@code resultMsg} the protocol allows. */
    public static final int MAX_MESSAGE_LENGTH = 255;

    private static final String RESULT_CODE = "resultCode";
    private static final String RESULT_MSG = "resultMsg";

    private final ResultCode resultCode;
    private String message;
    private final Map<String, JsonNode> fields = new LinkedHashMap<>();

    private ProduceResponse(ResultCode resultCode) {
        this.resultCode = Objects.requireNonNull(resultCode, "resultCode");
        this.message = resultCode.defaultMessage();
    }

    /** A response with {@code code} and its {@linkplain ResultCode#defaultMessage() default message}. */
    public static ProduceResponse of(ResultCode code) {
        return new ProduceResponse(code);
    }

    /**
     * Replaces {@code resultMsg}; text longer than {@value #MAX_MESSAGE_LENGTH} characters is cut (never inside a
     * surrogate pair), and null restores the default message.
     */
    public ProduceResponse message(String message) {
        if (message == null) {
            this.message = resultCode.defaultMessage();
        } else if (message.length() > MAX_MESSAGE_LENGTH) {
            int end = Character.isHighSurrogate(message.charAt(MAX_MESSAGE_LENGTH - 1))
                    ? MAX_MESSAGE_LENGTH - 1 : MAX_MESSAGE_LENGTH;
            this.message = message.substring(0, end);
        } else {
            this.message = message;
        }
        return this;
    }

    /**
     * Adds a field after the previously added ones; adding a name again replaces its value in its original
     * position. The value is copied, so later changes to it do not leak in; null is written as JSON null.
     *
     * @throws IllegalArgumentException if {@code field} is null, empty, {@code resultCode} or {@code resultMsg}
     */
    public ProduceResponse with(String field, JsonNode value) {
        checkField(field);
        fields.put(field, value == null ? JsonNodeFactory.instance.nullNode() : value.deepCopy());
        return this;
    }

    /** Adds a string field; see {@link #with(String, JsonNode)}. */
    public ProduceResponse with(String field, String value) {
        checkField(field);
        fields.put(field, value == null ? JsonNodeFactory.instance.nullNode() : JsonNodeFactory.instance.textNode(value));
        return this;
    }

    /** The result code this response carries. */
    public ResultCode resultCode() {
        return resultCode;
    }

    /** The {@code resultMsg} that will be written. */
    public String message() {
        return message;
    }

    /** The response body: compact UTF-8 JSON, fields in the documented order. */
    public byte[] toBytes() {
        ObjectNode body = Json.mapper().getNodeFactory().objectNode();
        body.put(RESULT_CODE, resultCode.code());
        body.put(RESULT_MSG, message);
        body.setAll(fields);
        return Json.write(body);
    }

    private static void checkField(String field) {
        if (field == null || field.isEmpty()) {
            throw new IllegalArgumentException("field name must not be null or empty");
        }
        if (field.equals(RESULT_CODE) || field.equals(RESULT_MSG)) {
            throw new IllegalArgumentException(field + " is set through of(...) and message(...)");
        }
    }
}
