package dev.stallkeeper.protocol.order;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stallkeeper.protocol.Json;
import dev.stallkeeper.protocol.MalformedBodyException;

/**
 * The Query Order response (spec §7.1).
 *
 * @param resultCode {@link QueryOrder#SUCCESS} or an {@code MKT.xxxx} error code
 * @param orderInfo  present on success
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record QueryOrderResponse(String resultCode, String resultMsg, OrderInfo orderInfo) {

    /**
     * Reads a response body. Unknown fields are ignored.
     *
     * @throws MalformedBodyException if the body is not a single JSON object or a field has an impossible type
     */
    public static QueryOrderResponse parse(byte[] body) {
        ObjectNode tree = Json.parseObject(body);
        try {
            return Json.mapper().treeToValue(tree, QueryOrderResponse.class);
        } catch (JsonProcessingException e) {
            throw new MalformedBodyException("not a Query Order response: " + e.getOriginalMessage(), e);
        }
    }

    /** Compact UTF-8 JSON; null fields and empty lists are omitted. */
    public byte[] toJson() {
        return Json.write(Json.mapper().valueToTree(this));
    }

    /** Whether {@link #resultCode()} is {@link QueryOrder#SUCCESS}. */
    @JsonIgnore
    public boolean isSuccess() {
        return QueryOrder.SUCCESS.equals(resultCode);
    }
}
