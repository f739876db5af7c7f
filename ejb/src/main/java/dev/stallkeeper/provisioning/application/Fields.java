package dev.stallkeeper.provisioning.application;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stallkeeper.provisioning.domain.InvalidRequestException;

/** Reading KooGallery's string fields with their documented limits; anything else is a 000002. */
final class Fields {

    private Fields() {
    }

    static String required(ObjectNode body, String name, int maxLength) {
        String value = optional(body, name, maxLength);
        if (value == null || value.isEmpty()) {
            throw new InvalidRequestException(name + " is missing");
        }
        return value;
    }

    static String optional(JsonNode body, String name, int maxLength) {
        JsonNode node = body.get(name);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isValueNode()) {
            throw new InvalidRequestException(name + " must be a string");
        }
        String value = node.asText().trim();
        if (value.length() > maxLength) {
            throw new InvalidRequestException(name + " is longer than " + maxLength + " characters");
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                throw new InvalidRequestException(name + " contains control characters");
            }
        }
        return value;
    }

    /** KooGallery's debug flag: "1" (or 1) marks a debug or dial-test request. */
    static boolean testFlag(ObjectNode body) {
        JsonNode node = body.get("testFlag");
        return node != null && node.isValueNode() && "1".equals(node.asText().trim());
    }
}
