package dev.stallkeeper.web.error;

import dev.stallkeeper.platform.QuietLog;
import dev.stallkeeper.protocol.ProduceResponse;
import dev.stallkeeper.protocol.ResultCode;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import org.jboss.logging.Logger;

/**
 * Last line of defence: no stack trace ever reaches a client. On the KooGallery address the answer is the
 * protocol's 000005 envelope with HTTP 200 (KooGallery treats anything else as an outage); elsewhere a small
 * JSON error with the HTTP status of the failure.
 */
@Provider
public class UnexpectedErrorMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(UnexpectedErrorMapper.class);
    /** While the database is away every request fails alike: one line each, a stack trace per cause a minute. */
    private static final QuietLog QUIET = QuietLog.errors(LOG);

    @Context
    UriInfo uriInfo;

    @Override
    public Response toResponse(Throwable error) {
        boolean koogallery = uriInfo != null && uriInfo.getPath().startsWith("/koogallery");
        int status = error instanceof WebApplicationException wae ? wae.getResponse().getStatus() : 500;
        if (status >= 500) {
            QUIET.failure("Request to " + (uriInfo == null ? "?" : uriInfo.getPath()) + " failed", error);
        } else {
            LOG.debugf("Request to %s refused: %s", uriInfo == null ? "?" : uriInfo.getPath(), error.getMessage());
        }
        if (koogallery) {
            ResultCode code = status >= 500 ? ResultCode.INTERNAL_ERROR : ResultCode.INVALID_PARAM;
            return Response.ok(ProduceResponse.of(code).toBytes(), "application/json;charset=UTF-8").build();
        }
        String message = status >= 500 ? "internal error" : "request refused (HTTP " + status + ")";
        return Response.status(status).type("application/json;charset=UTF-8")
                .entity(("{\"error\":\"" + message + "\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .build();
    }
}
