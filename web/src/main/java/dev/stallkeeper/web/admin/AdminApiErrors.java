package dev.stallkeeper.web.admin;

import dev.stallkeeper.security.domain.AccountException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Map;

/** Refusals of the admin API as JSON with their reason: a refused change is 400, an unknown user 404. */
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

    @Provider
    public static class Missing implements ExceptionMapper<AdminApi.NotFound> {
        @Override
        public Response toResponse(AdminApi.NotFound e) {
            return json(Response.Status.NOT_FOUND, e.getMessage());
        }
    }
}
