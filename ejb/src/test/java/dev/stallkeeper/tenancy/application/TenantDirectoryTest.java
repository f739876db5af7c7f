package dev.stallkeeper.tenancy.application;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TenantDirectoryTest {

    @Test
    void treeIsDepthFirstWithOrphansAndCyclesShownOnce() {
        List<TenantDirectory.OrgRow> tree = TenantDirectory.tree(List.of(
                new String[] {"B", "Sales", "A"}, new String[] {"A", "HQ", ""}, new String[] {"C", "East", "B"},
                new String[] {"O", "Orphan", "missing"}, new String[] {"X", "Loop 1", "Y"}, new String[] {"Y", "Loop 2", "X"}));
        assertThat(tree).extracting(o -> o.orgCode() + o.depth())
                .containsExactly("A0", "B1", "C2", "O0", "X0", "Y1");
    }
}
