package dev.stallkeeper.tenancy.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stallkeeper.protocol.Json;
import dev.stallkeeper.protocol.ResultCode;
import dev.stallkeeper.tenancy.domain.SyncFlag;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class KitMessagesTest {

    private static ObjectNode parse(String json) {
        return Json.parseObject(json.getBytes(StandardCharsets.UTF_8));
    }

    private static ObjectNode authSync(int users, int flag) {
        ObjectNode body = parse("{\"instanceId\":\"i\",\"tenantId\":\"t\",\"appId\":\"a\",\"flag\":" + flag + "}");
        ArrayNode list = body.putArray("userList");
        for (int i = 0; i < users; i++) {
            list.addObject().put("userName", "u" + i).put("name", "User " + i).put("orgCode", "O");
        }
        return body;
    }

    @Test
    void tenantSyncOfTv13() {
        KitMessages.TenantSync m = KitMessages.tenantSync(parse("{\"instanceId\":\"huaiweitest123456\","
                + "\"orderId\":\"CS1906666666ABCDE\",\"tenantId\":\"68cbc86abc2018ab880d92f36422fa0e\",\"tenantCode\":\"huawei\","
                + "\"name\":\"huaiweitest\",\"domainName\":\"https://example.tenantaccount.com\",\"flag\":1,\"testFlag\":0,"
                + "\"timeStamp\":\"20220413093539534\"}"));
        assertThat(m.flag()).isEqualTo(SyncFlag.ADD);
        assertThat(m.test()).isFalse();
        assertThat(m.domainName()).isEqualTo("https://example.tenantaccount.com");
        assertThat(m.tenantId()).isEqualTo("68cbc86abc2018ab880d92f36422fa0e");
    }

    @Test
    void tenantSyncNeedsAnHttpUrlAndAKnownFlag() {
        String base = "{\"instanceId\":\"i\",\"tenantId\":\"t\",\"tenantCode\":\"c\",\"name\":\"n\",";
        assertThatThrownBy(() -> KitMessages.tenantSync(parse(base + "\"domainName\":\"ftp://x\",\"flag\":1}")))
                .hasMessageContaining("domainName");
        for (String bad : new String[] {"https://user:pw@idp.example", "https://idp.example/oauth?x=1",
                "https://idp.example/login", "https://idp.example#f", "https://idp.example?next=http://evil"}) {
            assertThatThrownBy(() -> KitMessages.tenantSync(parse(base + "\"domainName\":\"" + bad + "\",\"flag\":1}")))
                    .as(bad).hasMessageContaining("without user, path or query");
        }
        assertThat(KitMessages.tenantSync(parse(base + "\"domainName\":\"https://idp.example:8443/\",\"flag\":1}"))
                .domainName()).isEqualTo("https://idp.example:8443/");
        assertThatThrownBy(() -> KitMessages.tenantSync(parse(base + "\"domainName\":\"https://x\",\"flag\":3}")))
                .isInstanceOfSatisfying(KitRequestException.class,
                        e -> assertThat(e.resultCode()).isEqualTo(ResultCode.INVALID_PARAM));
        assertThat(KitMessages.tenantSync(parse(base + "\"domainName\":\"https://x\",\"flag\":\"2\",\"testFlag\":\"1\"}")))
                .satisfies(m -> {
                    assertThat(m.flag()).isEqualTo(SyncFlag.MODIFY);
                    assertThat(m.test()).isTrue();
                });
    }

    @Test
    void authSyncTakesAtMostFiveHundredUsers() {
        assertThat(KitMessages.authSync(authSync(500, 1)).users()).hasSize(500);
        assertThatThrownBy(() -> KitMessages.authSync(authSync(501, 1))).hasMessageContaining("at most 500");
        assertThat(KitMessages.authSync(authSync(1, 3)).flag()).isEqualTo(SyncFlag.CANCEL_AUTHORISATION);
    }

    @Test
    void authSyncReadsTheV1StringListAndTheEnableFlag() {
        ObjectNode body = parse("{\"instanceId\":\"i\",\"tenantId\":\"t\",\"appId\":\"a\",\"flag\":1,"
                + "\"userList\":\"[{\\\"userName\\\":\\\"zhangsan\\\",\\\"name\\\":\\\"张三\\\",\\\"enable\\\":\\\"false\\\"}]\"}");
        KitMessages.AuthSync m = KitMessages.authSync(body);
        assertThat(m.users()).singleElement().satisfies(u -> {
            assertThat(u.name()).isEqualTo("张三");
            assertThat(u.enabled()).isFalse();
        });
        assertThatThrownBy(() -> KitMessages.authSync(parse("{\"instanceId\":\"i\",\"tenantId\":\"t\",\"appId\":\"a\","
                + "\"flag\":1,\"userList\":[{\"name\":\"no user name\"}]}"))).hasMessage("userList[0].userName is missing");
    }

    @Test
    void applicationSyncNeedsTheSecretExceptToDelete() {
        String base = "{\"instanceId\":\"i\",\"tenantId\":\"t\",\"appId\":\"a\",\"clientId\":\"c\",";
        assertThatThrownBy(() -> KitMessages.applicationSync(parse(base + "\"flag\":1}"))).hasMessage("clientSecret is missing");
        assertThat(KitMessages.applicationSync(parse(base + "\"flag\":0}")).flag()).isEqualTo(SyncFlag.DELETE);
    }

    @Test
    void allOrgSyncKeepsTheLastOfRepeatedCodes() {
        KitMessages.AllOrgSync m = KitMessages.allOrgSync(parse("{\"instanceId\":\"i\",\"tenantId\":\"t\",\"orgInfoList\":["
                + "{\"orgCode\":\"A\",\"orgName\":\"First\"},{\"orgCode\":\"B\",\"orgName\":\"B\",\"parentCode\":\"A\"},"
                + "{\"orgCode\":\"A\",\"orgName\":\"Again\"}]}"));
        assertThat(m.orgs()).extracting(o -> o.orgCode() + ":" + o.orgName() + ":" + o.parentCode())
                .containsExactly("A:Again:", "B:B:A");
    }
}
