package dev.stallkeeper.catalog.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DisplayNameTest {

    @Test
    void trimsAndTreatsBlankAsNoName() {
        assertThat(DisplayName.normalize("  企业邮箱 专业版  ")).isEqualTo("企业邮箱 专业版");
        assertThat(DisplayName.normalize("   ")).isNull();
        assertThat(DisplayName.normalize(null)).isNull();
    }

    @Test
    void countsCharactersNotBytesUpToTheLimit() {
        assertThat(DisplayName.normalize("名".repeat(100))).hasSize(100);
        assertThatThrownBy(() -> DisplayName.normalize("名".repeat(101)))
                .isInstanceOf(CatalogException.class).hasMessageContaining("at most 100 characters");
    }

    @Test
    void refusesControlCharacters() {
        assertThatThrownBy(() -> DisplayName.normalize("Mail\nPro")).isInstanceOf(CatalogException.class)
                .hasMessageContaining("one line");
    }

    @Test
    void showsTheSellersNameThenKooGallerysThenTheId() {
        assertThat(DisplayName.shown("Mail Pro", "企业邮箱", "P-1")).isEqualTo("Mail Pro");
        assertThat(DisplayName.shown(null, "企业邮箱", "P-1")).isEqualTo("企业邮箱");
        assertThat(DisplayName.shown(null, " ", "P-1")).isEqualTo("P-1");
    }
}
