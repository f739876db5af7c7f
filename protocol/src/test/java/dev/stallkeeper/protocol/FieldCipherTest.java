package dev.stallkeeper.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FieldCipherTest {

    private static final HexFormat HEX = HexFormat.of();

    @Test
    @DisplayName("TV-4: SHA1PRNG key derivation")
    void tv4() {
        assertThat(HEX.formatHex(FieldCipher.deriveKey("xxxxxxx", 256)))
                .isEqualTo("c962ef8500ad13239b5ec0eb6a5c570b3cae0fd0e5c28e793eb6aaa22d251123");
        assertThat(HEX.formatHex(FieldCipher.deriveKey("xxxxxxx", 128)))
                .isEqualTo("c962ef8500ad13239b5ec0eb6a5c570b");
        assertThat(HEX.formatHex(FieldCipher.deriveKey("kg-test-key-0001", 256)))
                .isEqualTo("eb00853222a44b9e93fe020f0f8ced3f4a7fa23eaddd707749274e4892984de5");
    }

    @ParameterizedTest(name = "TV-5 row {index}: {0}/{1} {2}")
    @CsvSource(delimiter = '|', textBlock = """
            xxxxxxx          | 256 | 15905222222      | 1234567890abcdef | 1234567890abcdefwjRnhz0LjC4fzrVwjZ7p8w==
            xxxxxxx          | 256 | user@example.com | abcdefghijklmnop | abcdefghijklmnopnxA9W2pf0lH6oNXPCMtg3lEyg7dpFrGxpyG0WgtbVBM=
            xxxxxxx          | 256 | Admin@123456     | A1b2C3d4E5f6G7h8 | A1b2C3d4E5f6G7h8GTnCDMgm3lGjOSxWv0Luhg==
            xxxxxxx          | 256 | hwadmin          | 0000000000000000 | 0000000000000000zBoCBFTRddrtHFCqmtqpnA==
            xxxxxxx          | 128 | 15905222222      | 1234567890abcdef | 1234567890abcdefOZhMRdNwoZlVbaDWHI95PQ==
            xxxxxxx          | 128 | user@example.com | abcdefghijklmnop | abcdefghijklmnopY6R6S+7GkHPx6x9yWwEuIFx1j4oPpU6T1zbM5ybAVFY=
            xxxxxxx          | 128 | Admin@123456     | A1b2C3d4E5f6G7h8 | A1b2C3d4E5f6G7h8I7XZ4xWcXiQ4Vne0/nMMSA==
            xxxxxxx          | 128 | hwadmin          | 0000000000000000 | 0000000000000000/X5c/bm3ycgK7fqO3i094g==
            kg-test-key-0001 | 256 | 15905222222      | 1234567890abcdef | 1234567890abcdef1A+xUmffcwOFQNAquo0FeA==
            """)
    void tv5(String key, int bits, String plaintext, String iv, String expected) {
        assertThat(FieldCipher.encrypt(key, bits, plaintext, iv)).isEqualTo(expected);
        assertThat(FieldCipher.decrypt(key, bits, expected)).isEqualTo(plaintext);
    }

    @Test
    void randomIvIsSixteenAlphanumericsAndRoundTrips() {
        String a = FieldCipher.encrypt("xxxxxxx", 256, "张三 13800000000");
        String b = FieldCipher.encrypt("xxxxxxx", 256, "张三 13800000000");
        assertThat(a.substring(0, 16)).matches("[A-Za-z0-9]{16}");
        assertThat(a).isNotEqualTo(b);
        assertThat(FieldCipher.decrypt("xxxxxxx", 256, a)).isEqualTo("张三 13800000000");
    }

    @Test
    void badInputIsIllegalArgument() {
        String value = "1234567890abcdefwjRnhz0LjC4fzrVwjZ7p8w==";
        assertThatThrownBy(() -> FieldCipher.decrypt("xxxxxxx", 256, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FieldCipher.decrypt("xxxxxxx", 256, "short")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FieldCipher.decrypt("xxxxxxx", 256, "1234567890abcdef!!notbase64"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FieldCipher.decrypt("xxxxxxx", 256, "1234567890abcdefAAAA"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FieldCipher.decrypt("xxxxxxx", 192, value)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FieldCipher.encrypt("xxxxxxx", 256, "x", "short-iv"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FieldCipher.deriveKey("", 256)).isInstanceOf(IllegalArgumentException.class);
    }
}
