package dev.stallkeeper.web.error;

import dev.stallkeeper.platform.RefusedException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.jboss.logging.Logger;

/**
 * Every business refusal ({@link RefusedException} and its subclasses in each context): 409 when the thing is in
 * the wrong state, 400 for invalid input; {@link ApiError}'s shape with the message key and the problems.
 */
@Provider
public class RefusedMapper implements ExceptionMapper<RefusedException> {

    private static final Logger LOG = Logger.getLogger(RefusedMapper.class);

    @Override
    public Response toResponse(RefusedException e) {
        LOG.debugf("Refused (%s): %s", e.key(), e.getMessage());
        return ApiError.of(e.conflict() ? 409 : 400, e.getMessage(), e.key(), e.problems());
    }
}
