package dev.stallkeeper.web.health;

import dev.stallkeeper.platform.HealthCheck;
import dev.stallkeeper.platform.StallkeeperConfig;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/**
 * {@code GET /api/health}: 200 when the database answers, 503 otherwise. {@code /api/health/live}: 200 while the
 * application is deployed (a balancer or Kubernetes restarts a node that stops answering it). {@code
 * /api/health/ready}: 200 when the database answers and the schema is migrated; 503 ({@code DRAINING}) once a
 * shutdown has begun, so balancers stop sending before the server suspends and stops. No secrets, no business
 * figures.
 */
@Path("/health")
public class HealthResource {

    @Inject
    HealthCheck health;

    @Inject
    StallkeeperConfig config;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response health() {
        HealthCheck.Status status = health.check();
        String body = "{\"status\":\"" + (status.up() ? "UP" : "DOWN") + "\",\"database\":\"" + status.database() + "\"}";
        return Response.status(status.up() ? 200 : 503).entity(body).build();
    }

    @GET
    @Path("/live")
    @Produces(MediaType.APPLICATION_JSON)
    public Response live() {
        return Response.ok("{\"status\":\"UP\",\"node\":\"" + json(config.nodeId()) + "\"}").build();
    }

    @GET
    @Path("/ready")
    @Produces(MediaType.APPLICATION_JSON)
    public Response ready() {
        HealthCheck.Readiness r = health.readiness();
        String status = r.ready() ? "UP" : r.draining() ? "DRAINING" : "DOWN";
        String body = "{\"status\":\"" + status + "\",\"database\":\"" + r.database().database()
                + "\",\"migrated\":" + r.migrated() + ",\"node\":\"" + json(config.nodeId()) + "\"}";
        return Response.status(r.ready() ? 200 : 503).entity(body).build();
    }

    /** The node id comes from the operator's environment: keep it from breaking the JSON. */
    private static String json(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
