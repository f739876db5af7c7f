package dev.stallkeeper.web.usage;

import dev.stallkeeper.protocol.MalformedBodyException;
import dev.stallkeeper.usage.application.UsageReportException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Refusals of the usage API as JSON {@code {"error": "...", "problems": ["records[2] (id r-9): ..."]}}: 400 for
 * invalid records or a body that is not the documented JSON, 409 for an id (or time window) taken by a different
 * record, 401/503 from {@link UsageToken}. Nothing of a refused report is stored.
 */
public final class UsageApiErrors {

    private UsageApiErrors() {
    }

    static Response json(Response.Status status, String message, List<String> problems) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", message);
        if (!problems.isEmpty()) {
            body.put("problems", problems);
        }
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(body).build();
    }

    @Provider
    public static class Refused implements ExceptionMapper<UsageReportException> {
        @Override
        public Response toResponse(UsageReportException e) {
            return json(e.reason() == UsageReportException.Reason.CONFLICT ? Response.Status.CONFLICT
                    : Response.Status.BAD_REQUEST, e.getMessage(), e.problems());
        }
    }

    @Provider
    public static class Malformed implements ExceptionMapper<MalformedBodyException> {
        @Override
        public Response toResponse(MalformedBodyException e) {
            return json(Response.Status.BAD_REQUEST, "the body is not valid JSON: " + e.getMessage(), List.of());
        }
    }
}
