package dev.stallkeeper.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class BodySignTest {

    private static final String KEY = "xxxxxxx";
    private static final byte[] SUCCESS = "{\"resultCode\":\"000000\",\"resultMsg\":\"success.\"}"
            .getBytes(StandardCharsets.UTF_8);

    @Test
    @DisplayName("TV-6: Body-Sign of three V1 responses, header layout")
    void tv6() {
        assertThat(BodySign.signature(KEY, SUCCESS)).isEqualTo("YB9MRaDz8ENM8JzoKzW8YT4yUrcMdby3kM31MTz8tO4=");
        assertThat(BodySign.header(KEY, SUCCESS))
                .isEqualTo("sign_type=\"HMAC-SHA256\", signature= \"YB9MRaDz8ENM8JzoKzW8YT4yUrcMdby3kM31MTz8tO4=\"");

        byte[] withNewline = "{\"resultCode\":\"000000\",\"resultMsg\":\"success.\"}\n".getBytes(StandardCharsets.UTF_8);
        assertThat(BodySign.signature(KEY, withNewline)).isEqualTo("ExW2F9AdnBcypsQMw/8jp8wSce7O6yxvxGsZWGODhLY=");

        byte[] v1Create = ("{\"resultCode\":\"000000\",\"resultMsg\":\"success.\","
                + "\"instanceId\":\"61e834ba-7b97-4418-b8f7-e5345137278c\",\"encryptType\":\"1\","
                + "\"appInfo\":{\"frontEndUrl\":\"https://saas.example.com\",\"adminUrl\":\"https://saas.example.com/admin\","
                + "\"userName\":\"0000000000000000zBoCBFTRddrtHFCqmtqpnA==\","
                + "\"password\":\"A1b2C3d4E5f6G7h8GTnCDMgm3lGjOSxWv0Luhg==\"}}").getBytes(StandardCharsets.UTF_8);
        assertThat(BodySign.signature(KEY, v1Create)).isEqualTo("TP7O0aw0R60cExtvvq0nYgT1Exbl84KPaEKxji3izSg=");
    }

    @Test
    void parseAndVerifyHeader() {
        String header = BodySign.header(KEY, SUCCESS);
        assertThat(BodySign.parseSignature(header)).contains("YB9MRaDz8ENM8JzoKzW8YT4yUrcMdby3kM31MTz8tO4=");
        assertThat(BodySign.parseSignature("signature=\"abc=\",sign_type=\"HMAC-SHA256\"")).contains("abc=");
        assertThat(BodySign.parseSignature("sign_type=\"HMAC-SHA256\"")).isEmpty();
        assertThat(BodySign.parseSignature(null)).isEmpty();

        assertThat(BodySign.verify(KEY, SUCCESS, header)).isTrue();
        assertThat(BodySign.verify(KEY, "{}".getBytes(StandardCharsets.UTF_8), header)).isFalse();
        assertThat(BodySign.verify("other", SUCCESS, header)).isFalse();
        assertThat(BodySign.verify(KEY, SUCCESS, "sign_type=\"HMAC-SHA256\", signature= \"%%%\"")).isFalse();
        assertThat(BodySign.verify(KEY, SUCCESS, null)).isFalse();
    }
}
