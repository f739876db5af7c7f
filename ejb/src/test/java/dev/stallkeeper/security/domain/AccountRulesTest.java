package dev.stallkeeper.security.domain;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class AccountRulesTest {

    @Test
    void userNamesAreShortPlainIdentifiers() {
        assertThatCode(() -> AccountRules.checkUsername("finance.li@seller")).doesNotThrowAnyException();
        for (String bad : new String[] {null, "ab", "-admin", "has space", "<script>", "x".repeat(65)}) {
            assertThatThrownBy(() -> AccountRules.checkUsername(bad)).isInstanceOf(AccountException.class)
                    .hasMessageContaining("3 to 64 characters");
        }
    }

    @Test
    void passwordsAreLongNotTrivialAndDoNotContainTheUserName() {
        assertThatCode(() -> AccountRules.checkPassword("li", "correct horse battery")).doesNotThrowAnyException();
        assertThatThrownBy(() -> AccountRules.checkPassword("li", "short")).hasMessageContaining("at least 12");
        assertThatThrownBy(() -> AccountRules.checkPassword("li", "aaaaaaaaaaaaaaab")).hasMessageContaining("too simple");
        assertThatThrownBy(() -> AccountRules.checkPassword("operator", "my-OPERATOR-pass"))
                .hasMessageContaining("user name");
        assertThatThrownBy(() -> AccountRules.checkPassword("li", "x1".repeat(65))).hasMessageContaining("at most 128");
    }

    @Test
    void everyUserHasARole() {
        assertThatThrownBy(() -> AccountRules.checkRoles(EnumSet.noneOf(Role.class))).hasMessageContaining("at least one role");
        assertThatCode(() -> AccountRules.checkRoles(EnumSet.of(Role.FINANCE))).doesNotThrowAnyException();
    }
}
