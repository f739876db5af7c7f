package dev.stallkeeper.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProduceResponseTest {

    private static String text(ProduceResponse r) {
        return new String(r.toBytes(), StandardCharsets.UTF_8);
    }

    @Test
    void defaultEnvelopeMatchesTv6Body() {
        byte[] bytes = ProduceResponse.of(ResultCode.SUCCESS).toBytes();
        assertThat(new String(bytes, StandardCharsets.UTF_8))
                .isEqualTo("{\"resultCode\":\"000000\",\"resultMsg\":\"success.\"}");
        assertThat(BodySign.signature("xxxxxxx", bytes)).isEqualTo("YB9MRaDz8ENM8JzoKzW8YT4yUrcMdby3kM31MTz8tO4=");
    }

    @Test
    void extraFieldsFollowInInsertionOrder() {
        ArrayNode info = Json.mapper().createArrayNode();
        info.addObject().put("instanceId", "i-1").putObject("appInfo").put("frontEndUrl", "https://a/b");
        ProduceResponse r = ProduceResponse.of(ResultCode.PROCESSING)
                .with("zeta", "z")
                .with("instanceId", "i-1")
                .with("info", info)
                .with("zeta", "z2");
        info.removeAll(); // later changes to the caller's node must not leak in
        assertThat(text(r)).isEqualTo("{\"resultCode\":\"000004\",\"resultMsg\":\"request is processing\","
                + "\"zeta\":\"z2\",\"instanceId\":\"i-1\",\"info\":[{\"instanceId\":\"i-1\","
                + "\"appInfo\":{\"frontEndUrl\":\"https://a/b\"}}]}");
    }

    @Test
    void messageIsReplacedAndTruncatedTo255Characters() {
        assertThat(text(ProduceResponse.of(ResultCode.INVALID_PARAM).message("instanceId 过长")))
                .isEqualTo("{\"resultCode\":\"000002\",\"resultMsg\":\"instanceId 过长\"}");
        ProduceResponse longMsg = ProduceResponse.of(ResultCode.INTERNAL_ERROR).message("x".repeat(300));
        assertThat(longMsg.message()).hasSize(255);
        String surrogates = "a".repeat(254) + "😀😀";
        assertThat(ProduceResponse.of(ResultCode.INTERNAL_ERROR).message(surrogates).message()).isEqualTo("a".repeat(254));
        assertThat(ProduceResponse.of(ResultCode.SOLD_OUT).message("x").message(null).message()).isEqualTo("sold out");
    }

    @Test
    void envelopeFieldsCannotBeOverwritten() {
        assertThatThrownBy(() -> ProduceResponse.of(ResultCode.SUCCESS).with("resultCode", "000001"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ProduceResponse.of(ResultCode.SUCCESS).with("resultMsg", "x"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
