package dev.stallkeeper.web.sso;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stallkeeper.tenancy.application.SsoException;
import org.junit.jupiter.api.Test;

class SsoErrorPageTest {

    @Test
    void everyReasonHasAStatusAndAnHtmlPage() {
        for (SsoException.Reason reason : SsoException.Reason.values()) {
            SsoErrorPage.Page page = SsoErrorPage.page(reason, "t1");
            assertThat(page.status()).as(reason.name()).isBetween(400, 599);
            assertThat(page.html()).startsWith("<!DOCTYPE html>").contains(reason.name());
        }
    }

    @Test
    void theTenantIsEscapedInTheSignInAgainLink() {
        String html = SsoErrorPage.page(SsoException.Reason.REPLAYED_CODE, "\"><script>alert(1)</script>").html();
        assertThat(html).doesNotContain("<script>").contains("/api/sso/login?tenant=%22%3E%3Cscript%3E");
        assertThat(SsoErrorPage.escape("<a href='x'>&\"</a>")).isEqualTo("&lt;a href=&#39;x&#39;&gt;&amp;&quot;&lt;/a&gt;");
    }
}
