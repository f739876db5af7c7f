package dev.stallkeeper.provisioning.application;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stallkeeper.platform.DataKeys;
import dev.stallkeeper.platform.SecretSealer;
import dev.stallkeeper.platform.StallkeeperConfig;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AppPasswordsTest {

    private static final String KEY_A = Base64.getEncoder().encodeToString(new byte[32]);
    private static final String KEY_B = Base64.getEncoder().encodeToString("another-32-byte-key-for-tests-01".getBytes());

    private static AppPasswords with(String dataKey) {
        AppPasswords p = new AppPasswords();
        p.keys = new DataKeys(new StallkeeperConfig(dataKey == null ? Map.of() : Map.of("STALLKEEPER_DATA_KEY", dataKey),
                Map.of()));
        return p;
    }

    @Test
    void aSealedPasswordOpensForItsOwnInstanceOnly() {
        AppPasswords p = with(KEY_A);
        String stored = p.seal("i-1", "Secr3t!");
        assertThat(SecretSealer.isSealed(stored)).isTrue();
        assertThat(stored).doesNotContain("Secr3t!");
        assertThat(p.open("i-1", stored)).isEqualTo("Secr3t!");
        assertThat(p.open("i-2", stored)).as("copied to another row").isNull();
    }

    @Test
    void aRotatedKeyListStillOpensWhatTheOldKeySealed() {
        String stored = with(KEY_A).seal("i-1", "Secr3t!");
        assertThat(with(KEY_B + "," + KEY_A).open("i-1", stored)).isEqualTo("Secr3t!");
        assertThat(with(KEY_B).open("i-1", stored)).as("the sealing key removed").isNull();
    }

    @Test
    void withoutADataKeyOrForAValueStoredInClearNothingChanges() {
        assertThat(with(null).seal("i-1", "plain")).isEqualTo("plain");
        assertThat(with(KEY_A).open("i-1", "stored-in-clear-before")).isEqualTo("stored-in-clear-before");
        assertThat(with(KEY_A).seal("i-1", null)).isNull();
        assertThat(with(KEY_A).open("i-1", null)).isNull();
    }
}
