package dev.stallkeeper.web.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The admin API describes itself: its OpenAPI document, made at build time from these resources' annotations by
 * SmallRye OpenAPI (web/pom.xml, {@code web.apidoc}) and packaged beside this class. Any console role may read it.
 */
@Path("/admin")
@RolesAllowed({"admin", "finance", "operator"})
public class ApiDocumentApi {

    @GET
    @Path("openapi.json")
    @Produces(MediaType.APPLICATION_JSON)
    public Response json() {
        return Response.ok(document("openapi.json")).build();
    }

    @GET
    @Path("openapi.yaml")
    @Produces("application/yaml")
    public Response yaml() {
        return Response.ok(document("openapi.yaml")).build();
    }

    private static byte[] document(String name) {
        try (InputStream in = ApiDocumentApi.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the war: the build did not generate it");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
