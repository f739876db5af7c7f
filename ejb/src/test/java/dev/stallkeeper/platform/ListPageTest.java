package dev.stallkeeper.platform;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.persistence.PersistenceException;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ListPageTest {

    @Test
    void pageAndSizeAreClampedAndTheLastPageHasNoNext() {
        assertThat(ListPage.page(-3)).isZero();
        assertThat(ListPage.size(0)).isEqualTo(ListPage.DEFAULT_SIZE);
        assertThat(ListPage.size(10_000)).isEqualTo(ListPage.MAX_SIZE);
        ListPage<String> first = new ListPage<>(List.of("a", "b", "c"), 7, false, 0, 3);
        ListPage<String> last = new ListPage<>(List.of("g"), 7, false, 2, 3);
        assertThat(first.pages()).isEqualTo(3);
        assertThat(first.hasNext()).isTrue();
        assertThat(first.hasPrevious()).isFalse();
        assertThat(last.hasNext()).isFalse();
        assertThat(last.hasPrevious()).isTrue();
        assertThat(new ListPage<String>(List.of(), 0, false, 0, 50).pages()).as("an empty list has one page").isEqualTo(1);
    }

    @Test
    void aUniqueViolationIsRecognisedByItsConstraintThroughTheCauseChain() {
        SQLException duplicate = new SQLException(
                "ERROR: duplicate key value violates unique constraint \"uk_invoice_number\"", "23505");
        PersistenceException wrapped = new PersistenceException("could not execute statement",
                new RuntimeException("constraint", duplicate));
        assertThat(UniqueKeys.violated(wrapped, "uk_invoice_number")).isTrue();
        assertThat(UniqueKeys.violated(wrapped, "uk_supervision_order_line")).as("another constraint").isFalse();
        assertThat(UniqueKeys.violated(new PersistenceException(new SQLException("uk_invoice_number", "23503")),
                "uk_invoice_number")).as("not a unique violation").isFalse();
        assertThat(UniqueKeys.violated(new PersistenceException("no cause"), "uk_invoice_number")).isFalse();
    }
}
