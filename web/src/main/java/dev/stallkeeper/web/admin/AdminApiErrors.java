package dev.stallkeeper.web.admin;

import dev.stallkeeper.security.domain.AccountException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Map;

/**
 * Refusals of the admin API as JSON with their reason: a refused change is 400, an unknown user, supervision or
 * invoice 404, a workflow step the current state does not allow 409 (with the message {@code key}).
 */
public final class AdminApiErrors {

    private AdminApiErrors() {
    }

    static Response json(Response.Status status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(Map.of("error", message)).build();
    }

    @Provider
    public static class Refused implements ExceptionMapper<AccountException> {
        @Override
        public Response toResponse(AccountException e) {
            return json(Response.Status.BAD_REQUEST, e.getMessage());
        }
    }

    /** Workflow refusals: 409 for a step the current state does not allow, 400 for invalid input; with the message key. */
    @Provider
    public static class WorkflowRefused implements ExceptionMapper<dev.stallkeeper.platform.RefusedException> {
        @Override
        public Response toResponse(dev.stallkeeper.platform.RefusedException e) {
            return Response.status(e.conflict() ? Response.Status.CONFLICT : Response.Status.BAD_REQUEST)
                    .type(MediaType.APPLICATION_JSON).entity(Map.of("error", e.getMessage(), "key", e.key())).build();
        }
    }

    @Provider
    public static class Unknown implements ExceptionMapper<dev.stallkeeper.platform.NotFoundException> {
        @Override
        public Response toResponse(dev.stallkeeper.platform.NotFoundException e) {
            return json(Response.Status.NOT_FOUND, e.getMessage());
        }
    }

    @Provider
    public static class Missing implements ExceptionMapper<AdminApi.NotFound> {
        @Override
        public Response toResponse(AdminApi.NotFound e) {
            return json(Response.Status.NOT_FOUND, e.getMessage());
        }
    }
}
