package dev.stallkeeper.it;

import static dev.stallkeeper.it.support.Console.adminPassword;
import static dev.stallkeeper.it.support.Console.adminUser;
import static dev.stallkeeper.it.support.Console.api;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stallkeeper.it.apidoc.ServedRoutesResource;
import dev.stallkeeper.it.support.Console;
import dev.stallkeeper.it.support.Deployments;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The admin API describes itself (issue 19, item 6): the OpenAPI document the server serves at
 * {@code /api/admin/openapi.json} against the routes the running server answers, as RESTEasy's registry has them
 * ({@link ServedRoutesResource}, test only). A new admin endpoint missing from the document, or a documented route
 * the server does not answer, fails here; so do an operation without roles, roles other than the ones the server
 * enforces, and an error answer in another shape than the one error schema.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class OpenApiDocumentIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ERROR_SCHEMA = "#/components/schemas/ApiError";
    private static final Set<String> ROLES = Set.of("admin", "finance", "operator");
    private static final String OPERATOR = "it-doc-operator";
    private static final String OPERATOR_PASSWORD = "doc-operator-pass-0001";

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        EnterpriseArchive ear = Deployments.stallkeeper();
        ear.getAsType(WebArchive.class, "stallkeeper-web.war").addClass(ServedRoutesResource.class);
        return ear;
    }

    @BeforeAll
    static void staff() {
        Console.ensureUser(OPERATOR, OPERATOR_PASSWORD, "operator");
    }

    @Test
    void theDocumentListsEveryAdminRouteTheServerAnswersAndNoOther() {
        Map<String, String> served = servedAdminRoutes();
        // routes the README names, so that an empty or wrongly rooted registry read cannot pass
        assertThat(served).containsKeys("GET /api/admin/me", "GET /api/admin/instances/summary",
                "GET /api/admin/openapi.json");
        Set<String> documented = operations(document()).keySet();
        Set<String> undocumented = new TreeSet<>(served.keySet());
        undocumented.removeAll(documented);
        Set<String> notServed = new TreeSet<>(documented);
        notServed.removeAll(served.keySet());
        assertThat(undocumented).as("admin routes the server answers that the document lacks").isEmpty();
        assertThat(notServed).as("documented routes the server does not answer").isEmpty();
    }

    @Test
    void everyOperationNamesTheRolesTheServerEnforces() {
        Map<String, String> served = servedAdminRoutes();
        operations(document()).forEach((route, operation) -> {
            List<String> roles = texts(operation.path("x-roles"));
            assertThat(roles).as(route + " x-roles").isNotEmpty().allMatch(ROLES::contains);
            assertThat(String.join(",", roles)).as(route + ": the roles of its resource method in the server")
                    .isEqualTo(served.get(route));
            JsonNode security = operation.path("security");
            assertThat(security.size()).as(route + " security requirements").isEqualTo(1);
            assertThat(texts(security.get(0).path("basicAuth"))).as(route + " basicAuth roles").isEqualTo(roles);
        });
    }

    @Test
    void everyErrorAnswerIsTheOneErrorShape() throws IOException {
        JsonNode doc = document();
        JsonNode apiError = doc.path("components").path("schemas").path("ApiError");
        assertThat(fieldNames(apiError.path("properties"))).containsExactlyInAnyOrder("error", "key", "problems");
        assertThat(apiError.path("properties").path("problems").path("items").path("$ref").asText())
                .isEqualTo("#/components/schemas/Problem");
        assertThat(fieldNames(doc.path("components").path("schemas").path("Problem").path("properties")))
                .containsExactlyInAnyOrder("line", "message");
        assertThat(doc.path("components").path("securitySchemes").path("basicAuth").path("scheme").asText())
                .isEqualTo("basic");

        Map<String, JsonNode> operations = operations(doc);
        operations.forEach((route, operation) -> {
            JsonNode responses = operation.path("responses");
            assertThat(fieldNames(responses)).as(route + " responses").contains("401", "403", "429", "500");
            for (String status : fieldNames(responses)) {
                if (status.startsWith("4") || status.startsWith("5")) {
                    JsonNode json = responses.path(status).path("content").path("application/json");
                    if (!status.equals("401")) {
                        assertThat(json.path("schema").path("$ref").asText()).as(route + " " + status)
                                .isEqualTo(ERROR_SCHEMA);
                    }
                }
            }
        });
        assertThat(fieldNames(operations.get("GET /api/admin/supervision/{id}").path("responses"))).contains("404");
        assertThat(fieldNames(operations.get("GET /api/admin/instances").path("responses"))).contains("400");
        assertThat(fieldNames(operations.get("PUT /api/admin/users/{username}").path("responses")))
                .contains("400", "404", "409", "415");

        // real answers of the server fit the schema: nothing but its properties, and "error" always
        Set<String> properties = Set.copyOf(fieldNames(apiError.path("properties")));
        HttpResponse<String> notFound = api("GET", "/api/admin/supervision/987654321", adminUser(), adminPassword(), null);
        assertThat(notFound.statusCode()).isEqualTo(404);
        assertThat(fieldNames(JSON.readTree(notFound.body()))).contains("error").allMatch(properties::contains);
        HttpResponse<String> refused = api("GET", "/api/admin/instances?state=no-such-state", adminUser(),
                adminPassword(), null);
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(fieldNames(JSON.readTree(refused.body()))).contains("error", "key").allMatch(properties::contains);
    }

    @Test
    void theDocumentIsServedToEveryConsoleRoleAndToNobodyElse() {
        assertThat(api("GET", "/api/admin/openapi.json", null, null, null).statusCode()).isEqualTo(401);
        HttpResponse<String> json = api("GET", "/api/admin/openapi.json", OPERATOR, OPERATOR_PASSWORD, null);
        assertThat(json.statusCode()).isEqualTo(200);
        assertThat(json.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        assertThat(json.body()).contains("\"openapi\"").contains("/api/admin/me");
        HttpResponse<String> yaml = api("GET", "/api/admin/openapi.yaml", OPERATOR, OPERATOR_PASSWORD, null);
        assertThat(yaml.statusCode()).isEqualTo(200);
        assertThat(yaml.body()).contains("openapi: ").contains("/api/admin/me:");
    }

    /** The admin routes of the running server: {@code METHOD /api/admin/path} to its roles ({@code a,b}). */
    private static Map<String, String> servedAdminRoutes() {
        String body = send(HttpRequest.newBuilder(Console.url("/api/test/routes")).GET().build());
        Map<String, String> routes = new TreeMap<>();
        for (String line : body.split("\n")) {
            String[] parts = line.trim().split(" ");
            if (parts.length == 3 && (parts[1].equals("/api/admin") || parts[1].startsWith("/api/admin/"))) {
                routes.merge(parts[0] + " " + template(parts[1]), parts[2], (a, b) -> a.equals(b) ? a : a + "|" + b);
            }
        }
        return routes;
    }

    /** {@code {id: \d+}} and {@code {id}} are the same template. */
    private static String template(String path) {
        return path.replaceAll("\\{\\s*([^}:\\s]+)\\s*(:[^}]*)?}", "{$1}");
    }

    private static JsonNode document() {
        HttpResponse<String> r = api("GET", "/api/admin/openapi.json", adminUser(), adminPassword(), null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        try {
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every operation of the document: {@code METHOD /path} to the operation. */
    private static Map<String, JsonNode> operations(JsonNode doc) {
        Map<String, JsonNode> operations = new TreeMap<>();
        doc.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            if (Set.of("get", "put", "post", "delete", "patch", "head", "options", "trace").contains(op.getKey())) {
                operations.put(op.getKey().toUpperCase(Locale.ROOT) + " " + template(path.getKey()),
                        op.getValue());
            }
        }));
        assertThat(operations).as("operations in the document").isNotEmpty();
        return operations;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        for (Iterator<JsonNode> i = array.elements(); i.hasNext(); ) {
            values.add(i.next().asText());
        }
        return values;
    }

    private static String send(HttpRequest request) {
        try {
            HttpResponse<String> r = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            return r.body();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
