package dev.stallkeeper.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stallkeeper.it.support.Deployments;
import dev.stallkeeper.it.support.ServerProcess;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The go-live checklist of the quick start: a WildFly process of its own (port offset 210 above the Arquillian one)
 * on the embedded H2 database with the settings {@code ./stallkeeper start} gives it (demo key, demo kit key, the
 * quick start's data key, admin / stallkeeper-demo, demo data). Its key, Kit key and admin account are red.
 */
class QuickStartReadinessIT {

    @Test
    void theQuickStartsDemoKeyKitKeyAndAdminAreRed() throws Exception {
        try (ServerProcess quickStart = new ServerProcess("golive-quick-start", "stallkeeper_it_golive_qs",
                Integer.getInteger("it.port.offset") + 210, List.of(
                "-Dkoogallery.key=demo-key", "-Dkoogallery.kit.key=demo-kit-key",
                "-Dstallkeeper.data.key=c3RhbGxrZWVwZXItcXVpY2stc3RhcnQtZGF0YS1rZXk=",
                "-Dstallkeeper.admin.user=admin", "-Dstallkeeper.admin.password=stallkeeper-demo",
                "-Dstallkeeper.secure.cookies=false", "-Dstallkeeper.demo.data=true")).embeddedDatabase()) {
            quickStart.prepare(Deployments.stallkeeper()).start();
            HttpResponse<String> response = ReadinessIT.get(URI.create("http://127.0.0.1:" + quickStart.httpPort()
                    + "/api/admin/readiness"), "admin", "stallkeeper-demo", Map.of());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            Map<String, JsonNode> items = ReadinessIT.itemsById(response.body());
            assertThat(items.get("koogalleryKey").path("status").asText()).isEqualTo("RED");
            assertThat(items.get("koogalleryKey").path("message").asText()).contains("demo key");
            assertThat(items.get("kit").path("status").asText()).isEqualTo("RED");
            assertThat(items.get("adminAccount").path("status").asText()).isEqualTo("RED");
            assertThat(items.get("adminAccount").path("message").asText()).contains("[admin]");
            assertThat(items.get("https").path("status").asText()).isEqualTo("RED");
            assertThat(response.body()).doesNotContain("demo-key").doesNotContain("stallkeeper-demo");
        }
    }
}
