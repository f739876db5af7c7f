package dev.stallkeeper.web.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RedactionTest {

    @Test
    void secretValuesAreMaskedAndEverythingElseIsKept() {
        String json = "{\"resultCode\":\"000000\",\"info\":[{\"appInfo\":{\"userName\":\"admin\",\"password\":\"p\\\"w1\","
                + "\"frontEndUrl\":\"https://x\"}}],\"clientSecret\":\"abc\",\"accessToken\":\"t\",\"sk\":\"s\",\"apiKey\":\"k\"}";
        String shown = Redaction.show(json.getBytes(StandardCharsets.UTF_8));
        assertThat(shown).contains("\"userName\":\"admin\"").contains("\"frontEndUrl\":\"https://x\"")
                .contains("\"password\":\"" + Redaction.MASK + "\"").contains("\"clientSecret\":\"" + Redaction.MASK + "\"")
                .contains("\"accessToken\":\"" + Redaction.MASK + "\"").contains("\"sk\":\"" + Redaction.MASK + "\"")
                .contains("\"apiKey\":\"" + Redaction.MASK + "\"")
                .doesNotContain("p\\\"w1").doesNotContain("abc");
    }

    @Test
    void nothingStoredShowsAsEmpty() {
        assertThat(Redaction.show(null)).isEmpty();
    }
}
