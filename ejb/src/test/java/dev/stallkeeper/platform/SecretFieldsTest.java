package dev.stallkeeper.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SecretFieldsTest {

    @Test
    void passwordsInAnAnswerAreMaskedAndEverythingElseKept() {
        String answer = "{\"resultCode\":\"000000\",\"info\":[{\"instanceId\":\"i-1\",\"appInfo\":{\"frontEndUrl\":"
                + "\"https://t.example\",\"userName\":\"admin\",\"password\":\"a\\\"b c\"}}]}";
        byte[] masked = SecretFields.mask(answer.getBytes(StandardCharsets.UTF_8));
        assertThat(new String(masked, StandardCharsets.UTF_8)).isEqualTo("{\"resultCode\":\"000000\",\"info\":[{"
                + "\"instanceId\":\"i-1\",\"appInfo\":{\"frontEndUrl\":\"https://t.example\",\"userName\":\"admin\","
                + "\"password\":\"\u2022\u2022\u2022\u2022\"}}]}");
    }

    @Test
    void anAnswerWithoutSecretsIsTheSameArray() {
        byte[] plain = "{\"resultCode\":\"000000\",\"instanceId\":\"i-1\"}".getBytes(StandardCharsets.UTF_8);
        assertThat(SecretFields.mask(plain)).isSameAs(plain);
        assertThat(SecretFields.mask((byte[]) null)).isNull();
    }
}
