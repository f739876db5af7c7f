package dev.stallkeeper.it.settlement;

import dev.stallkeeper.it.support.Deployments;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The application under test plus {@link SettlementTestResource}, and a client for it. */
public final class SettlementDeployment {

    private SettlementDeployment() {
    }

    public static EnterpriseArchive stallkeeper() {
        EnterpriseArchive ear = Deployments.stallkeeper();
        ear.getAsType(WebArchive.class, "stallkeeper-web.war").addClass(SettlementTestResource.class);
        return ear;
    }

    /** An HTTP answer of the test resource. */
    public record Answer(int status, String body) {
    }

    public static Answer get(int httpPort, String path) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + httpPort + "/api/test/settlement" + path)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static Answer post(int httpPort, String path, String body) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + httpPort + "/api/test/settlement" + path))
                    .header("Content-Type", "text/plain; charset=UTF-8")
                    .POST(HttpRequest.BodyPublishers.ofString(body == null ? "" : body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
