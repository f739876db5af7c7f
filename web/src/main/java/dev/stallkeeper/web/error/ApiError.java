package dev.stallkeeper.web.error;

import dev.stallkeeper.platform.Problem;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one JSON error shape of the admin and usage APIs:
 * {@code {"error": "English message", "key": "message.key", "problems": [{"line": 3, "message": "..."}]}}, where
 * {@code key} is present for business refusals and {@code problems} when the input had several (a bill file's
 * lines, a usage report's records; {@code line} only for files).
 */
public final class ApiError {

    private ApiError() {
    }

    public static Response of(Response.Status status, String message) {
        return of(status.getStatusCode(), message, null, List.of());
    }

    public static Response of(int status, String message, String key, List<Problem> problems) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", message);
        if (key != null) {
            body.put("key", key);
        }
        if (!problems.isEmpty()) {
            body.put("problems", problems.stream().map(ApiError::problem).toList());
        }
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(body).build();
    }

    private static Map<String, Object> problem(Problem p) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (p.line() != null) {
            m.put("line", p.line());
        }
        m.put("message", p.message());
        return m;
    }
}
