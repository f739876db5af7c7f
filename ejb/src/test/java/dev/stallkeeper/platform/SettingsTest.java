package dev.stallkeeper.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SettingsTest {

    @Test
    void jointOperationKeysAreListedAndMasked() {
        assertThat(Settings.NAMES).contains("KOOGALLERY_KIT_KEY", "KOOGALLERY_KIT_PRIVATE_KEY", "STALLKEEPER_DATA_KEY",
                "KOOGALLERY_APP_ID", "STALLKEEPER_SSO_REDIRECT_URI", "STALLKEEPER_SSO_LANDING_URL",
                "STALLKEEPER_SSO_ALLOW_HTTP", "STALLKEEPER_KIT_MAX_BODY_BYTES");
        assertThat(Settings.isSecret("KOOGALLERY_KIT_KEY")).isTrue();
        assertThat(Settings.isSecret("KOOGALLERY_KIT_PRIVATE_KEY")).isTrue();
        assertThat(Settings.isSecret("STALLKEEPER_DATA_KEY")).isTrue();
        assertThat(Settings.isSecret("KOOGALLERY_APP_ID")).isFalse();
        String pem = "-----BEGIN PRIVATE KEY-----\nMIIG/QIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----";
        assertThat(Settings.describeSecret("KOOGALLERY_KIT_PRIVATE_KEY", pem)).isEqualTo("set (masked)");
        assertThat(Settings.describeSecret("KOOGALLERY_KIT_KEY", "a,b")).isEqualTo("set (2 keys, masked)");
    }
}
