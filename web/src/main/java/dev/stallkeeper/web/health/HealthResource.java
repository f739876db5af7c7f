package dev.stallkeeper.web.health;

import dev.stallkeeper.platform.HealthCheck;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/** {@code GET /api/health}: 200 when the database answers, 503 otherwise. No secrets, no business figures. */
@Path("/health")
public class HealthResource {

    @Inject
    HealthCheck health;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response health() {
        HealthCheck.Status status = health.check();
        String body = "{\"status\":\"" + (status.up() ? "UP" : "DOWN") + "\",\"database\":\"" + status.database() + "\"}";
        return Response.status(status.up() ? 200 : 503).entity(body).build();
    }
}
