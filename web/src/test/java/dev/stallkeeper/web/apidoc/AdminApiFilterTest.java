package dev.stallkeeper.web.apidoc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import java.util.List;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.junit.jupiter.api.Test;

/**
 * The build-time filter over a model as SmallRye's scan leaves it (operation ids {@code package.Class_method}),
 * with resource classes of its own: roles from {@code @RolesAllowed}, error answers by kind of operation, only the
 * admin API kept, and no document for an admin operation that names no roles.
 */
class AdminApiFilterTest {

    @Path("/admin/things")
    @RolesAllowed({"operator", "admin"})
    public static class Things {
        @GET
        @Path("{id}")
        public String get() {
            return "";
        }

        @PUT
        @Path("{id}")
        @RolesAllowed("admin")
        public void put(String body) {
        }
    }

    @Path("/admin/open")
    public static class Unguarded {
        @GET
        public String get() {
            return "";
        }

        @GET
        @Path("permitted")
        @PermitAll
        public String permitted() {
            return "";
        }
    }

    private static final String THINGS = Things.class.getName();

    @Test
    void keepsTheAdminApiAndGivesEachOperationItsRolesAndErrorAnswers() {
        Operation get = operation(THINGS + "_get");
        Operation put = operation(THINGS + "_put").requestBody(OASFactory.createRequestBody());
        OpenAPI model = model(
                "/api/admin/things/{id}", OASFactory.createPathItem().GET(get).PUT(put),
                "/api/health", OASFactory.createPathItem().GET(operation("x.Health_get")));

        new AdminApiFilter().filterOpenAPI(model);

        assertThat(model.getPaths().getPathItems()).containsOnlyKeys("/api/admin/things/{id}");
        assertThat(get.getExtensions()).containsEntry("x-roles", List.of("admin", "operator"));
        assertThat(get.getSecurity().get(0).getScheme("basicAuth")).containsExactly("admin", "operator");
        assertThat(get.getOperationId()).isEqualTo("Things_get");
        assertThat(get.getDescription()).contains("Roles: admin, operator.");
        assertThat(put.getExtensions()).containsEntry("x-roles", List.of("admin"));
        assertThat(get.getResponses().getAPIResponses()).containsOnlyKeys("200", "401", "403", "404", "429", "500");
        assertThat(put.getResponses().getAPIResponses())
                .containsOnlyKeys("200", "400", "401", "403", "404", "409", "415", "429", "500");
        assertThat(put.getResponses().getAPIResponse("409").getContent().getMediaType("application/json")
                .getSchema().getRef()).isEqualTo("#/components/schemas/ApiError");
        assertThat(get.getResponses().getAPIResponse("401").getContent()).as("401 has no body").isNull();
    }

    @Test
    void anAdminOperationWithoutRolesStopsTheBuild() {
        OpenAPI model = model("/api/admin/open", OASFactory.createPathItem()
                .GET(operation(Unguarded.class.getName() + "_get")));
        assertThatThrownBy(() -> new AdminApiFilter().filterOpenAPI(model))
                .hasMessageContaining("GET /api/admin/open").hasMessageContaining("names no roles");

        OpenAPI permitted = model("/api/admin/open/permitted", OASFactory.createPathItem()
                .GET(operation(Unguarded.class.getName() + "_permitted")));
        assertThatThrownBy(() -> new AdminApiFilter().filterOpenAPI(permitted)).hasMessageContaining("@PermitAll");
    }

    private static Operation operation(String id) {
        return OASFactory.createOperation().operationId(id).responses(OASFactory.createAPIResponses()
                .addAPIResponse("200", OASFactory.createAPIResponse().description("OK")));
    }

    private static OpenAPI model(Object... pathsAndItems) {
        var paths = OASFactory.createPaths();
        for (int i = 0; i < pathsAndItems.length; i += 2) {
            paths.addPathItem((String) pathsAndItems[i], (PathItem) pathsAndItems[i + 1]);
        }
        return OASFactory.createOpenAPI().paths(paths);
    }
}
