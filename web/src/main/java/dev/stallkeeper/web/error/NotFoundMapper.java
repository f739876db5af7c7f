package dev.stallkeeper.web.error;

import dev.stallkeeper.platform.NotFoundException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Every "no such thing" ({@link NotFoundException} and its subclasses): 404 in {@link ApiError}'s shape. */
@Provider
public class NotFoundMapper implements ExceptionMapper<NotFoundException> {

    @Override
    public Response toResponse(NotFoundException e) {
        return ApiError.of(Response.Status.NOT_FOUND, e.getMessage());
    }
}
