package dev.stallkeeper.web.console;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PageLinksTest {

    @Test
    void aListIsNarrowedByAnyFilterWithAValueOrByALaterPage() {
        assertThat(PageLinks.narrowed(0)).isFalse();
        assertThat(PageLinks.narrowed(0, null, "", "  ")).as("blank filters narrow nothing").isFalse();
        assertThat(PageLinks.narrowed(0, null, "PARKED")).isTrue();
        assertThat(PageLinks.narrowed(2, (String) null)).as("a later page of an unfiltered list").isTrue();
    }

    @Test
    void theQueryKeepsFiltersWithAValueOnly() {
        assertThat(PageLinks.query(-1, 20, "status", "SENT", "orderId", " ", "q", null)).isEqualTo("?page=0&size=20&status=SENT");
    }
}
