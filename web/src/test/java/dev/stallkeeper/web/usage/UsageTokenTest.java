package dev.stallkeeper.web.usage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class UsageTokenTest {

    @Test
    void anyConfiguredTokenMatchesExactly() {
        List<String> tokens = List.of("old-token-0001", "new-token-0002");
        assertThat(UsageToken.matches(tokens, "old-token-0001")).isTrue();
        assertThat(UsageToken.matches(tokens, "new-token-0002")).isTrue();
        assertThat(UsageToken.matches(tokens, "new-token-000")).as("prefix").isFalse();
        assertThat(UsageToken.matches(tokens, "new-token-00020")).as("longer").isFalse();
        assertThat(UsageToken.matches(tokens, "")).isFalse();
    }
}
