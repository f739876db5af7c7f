package dev.stallkeeper.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class SecretSealerTest {

    private static final String KEY_A = Base64.getEncoder().encodeToString(new byte[32]);
    private static final String KEY_B = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());

    @Test
    void sealsAndOpensWithTheSameContextOnly() {
        SecretSealer sealer = new SecretSealer(List.of(KEY_A));
        String sealed = sealer.seal("client-secret", "kit_application:t1:app");
        assertThat(sealed).startsWith("v1.").doesNotContain("client-secret");
        assertThat(sealer.seal("client-secret", "kit_application:t1:app")).as("random IV").isNotEqualTo(sealed);
        assertThat(sealer.open(sealed, "kit_application:t1:app")).contains("client-secret");
        assertThat(sealer.open(sealed, "kit_application:t2:app")).as("copied into another row").isEmpty();
    }

    @Test
    void alteredOrForeignValuesDoNotOpen() {
        SecretSealer sealer = new SecretSealer(List.of(KEY_A));
        String sealed = sealer.seal("x", "c");
        char last = sealed.charAt(sealed.length() - 3);
        String altered = sealed.substring(0, sealed.length() - 3) + (last == 'A' ? 'B' : 'A') + sealed.substring(sealed.length() - 2);
        assertThat(sealer.open(altered, "c")).isEmpty();
        assertThat(sealer.open("plain", "c")).isEmpty();
        assertThat(sealer.open(null, "c")).isEmpty();
        assertThat(new SecretSealer(List.of(KEY_B)).open(sealed, "c")).as("other key").isEmpty();
    }

    @Test
    void rotationOpensWithTheOldKeyAndSealsWithTheNewOne() {
        String old = new SecretSealer(List.of(KEY_A)).seal("s", "c");
        SecretSealer rotated = new SecretSealer(List.of(KEY_B, KEY_A));
        assertThat(rotated.open(old, "c")).contains("s");
        String fresh = rotated.seal("s", "c");
        assertThat(new SecretSealer(List.of(KEY_B)).open(fresh, "c")).contains("s");
        assertThat(new SecretSealer(List.of(KEY_A)).open(fresh, "c")).isEmpty();
    }

    @Test
    void badKeysAreRefusedWithoutShowingThem() {
        assertThatThrownBy(() -> new SecretSealer(List.of())).hasMessage("no data key configured");
        assertThatThrownBy(() -> new SecretSealer(List.of("not*base64"))).hasMessage("data key #1 is not base64");
        assertThatThrownBy(() -> new SecretSealer(List.of(Base64.getEncoder().encodeToString(new byte[10]))))
                .hasMessageContaining("16, 24 or 32 bytes");
    }

    @Test
    void sealedValuesAreRecognisedAndPlainOnesAreNot() {
        SecretSealer sealer = new SecretSealer(List.of(Base64.getEncoder().encodeToString(new byte[32])));
        assertThat(SecretSealer.isSealed(sealer.seal("x", "ctx"))).isTrue();
        assertThat(SecretSealer.isSealed("v1.plain-password")).isFalse();
        assertThat(SecretSealer.isSealed("Passw0rd")).isFalse();
        assertThat(SecretSealer.isSealed(null)).isFalse();
    }
}
