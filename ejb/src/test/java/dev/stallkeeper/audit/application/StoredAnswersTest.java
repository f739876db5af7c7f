package dev.stallkeeper.audit.application;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stallkeeper.platform.DataKeys;
import dev.stallkeeper.platform.StallkeeperConfig;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StoredAnswersTest {

    private static final byte[] ANSWER = ("{\"resultCode\":\"000000\",\"resultMsg\":\"成功\",\"appInfo\":"
            + "{\"password\":\"p@ss\"}}").getBytes(StandardCharsets.UTF_8);

    private static StoredAnswers with(String key) {
        StoredAnswers a = new StoredAnswers();
        a.keys = new DataKeys(new StallkeeperConfig(key == null ? Map.of() : Map.of("STALLKEEPER_DATA_KEY", key), Map.of()));
        return a;
    }

    @Test
    void anAnswerIsSealedBoundToItsNonceAndOpensToTheExactBytes() {
        StoredAnswers answers = with(Base64.getEncoder().encodeToString(new byte[32]));
        byte[] stored = answers.seal("n-1", ANSWER);
        assertThat(new String(stored, StandardCharsets.US_ASCII)).startsWith("v1.").doesNotContain("p@ss");
        assertThat(answers.open("n-1", stored)).isEqualTo(ANSWER);
        assertThat(answers.open("n-2", stored)).as("bound to its nonce: processed again").isNull();
    }

    @Test
    void plainAnswersPassThrough() {
        assertThat(with(null).seal("n-1", ANSWER)).isEqualTo(ANSWER);
        assertThat(with(Base64.getEncoder().encodeToString(new byte[16])).open("n-1", ANSWER)).isEqualTo(ANSWER);
    }
}
