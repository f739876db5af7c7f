package dev.stallkeeper.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class UsagePushSignatureTest {

    private static final String TS = "1699923900000";
    private static final String NONCE = "3c8e1f2a-5b7d-4c9e-8f0a-1b2c3d4e5f60";
    private static final String BODY = "{\"usage_records\":[{\"begin_time\":\"20231114T000000Z\","
            + "\"end_time\":\"20231114T010000Z\",\"instance_id\":\"87b94795-0603-4e24-8ae5-69420d60e3c8\","
            + "\"metering_sn\":\"3f2a7c1e-0b5d-4e8f-9a61-2c4d8e7f9b10\",\"record_time\":\"20231114T010500Z\","
            + "\"usage_value\":\"12.5\"}]}";
    private static final String SIGNATURE = "vbiU5tEvVu6mPerZG9yCdY3E+yuf2V307KV7/OkAKfo=";

    @Test
    @DisplayName("TV-16: usage push signature over the sorted body built from unsorted records")
    void tv16() {
        ObjectNode record = Json.mapper().createObjectNode()
                .put("usage_value", "12.5")
                .put("record_time", "20231114T010500Z")
                .put("metering_sn", "3f2a7c1e-0b5d-4e8f-9a61-2c4d8e7f9b10")
                .put("instance_id", "87b94795-0603-4e24-8ae5-69420d60e3c8")
                .put("end_time", "20231114T010000Z")
                .put("begin_time", "20231114T000000Z");
        ObjectNode body = Json.mapper().createObjectNode();
        body.putArray("usage_records").add(record);

        String canonical = UsagePushSignature.canonicalBody(body);
        assertThat(canonical).isEqualTo(BODY);
        assertThat(UsagePushSignature.stringToSign(TS, NONCE, canonical))
                .isEqualTo("ts=" + TS + "&nonce=" + NONCE + "&body=" + BODY);
        assertThat(UsagePushSignature.sign("xxxxxxx", TS, NONCE, canonical)).isEqualTo(SIGNATURE);
        assertThat(UsagePushSignature.verify("xxxxxxx", TS, NONCE, BODY, SIGNATURE)).isTrue();
    }

    @Test
    void verifyRejectsChangesAndMalformedInput() {
        assertThat(UsagePushSignature.verify("yyyyyyy", TS, NONCE, BODY, SIGNATURE)).isFalse();
        assertThat(UsagePushSignature.verify("xxxxxxx", "1699923900001", NONCE, BODY, SIGNATURE)).isFalse();
        assertThat(UsagePushSignature.verify("xxxxxxx", TS, NONCE, BODY.replace("12.5", "12.50"), SIGNATURE)).isFalse();
        assertThat(UsagePushSignature.verify("xxxxxxx", TS, NONCE, BODY, "%%%")).isFalse();
        assertThat(UsagePushSignature.verify("xxxxxxx", TS, NONCE, BODY, null)).isFalse();
        assertThat(UsagePushSignature.verify("xxxxxxx", null, NONCE, BODY, SIGNATURE)).isFalse();
    }

    @Test
    void canonicalBodySortsEveryLevelAndKeepsArrayOrder() {
        ObjectNode n = (ObjectNode) Json.parseObject(
                "{\"b\":[{\"y\":1,\"x\":{\"d\":1,\"c\":2}},2],\"a\":\"/张\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(UsagePushSignature.canonicalBody(n)).isEqualTo("{\"a\":\"/张\",\"b\":[{\"x\":{\"c\":2,\"d\":1},\"y\":1},2]}");
    }
}
