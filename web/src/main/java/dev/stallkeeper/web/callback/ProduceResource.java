package dev.stallkeeper.web.callback;

import dev.stallkeeper.audit.application.CallbackAnswer;
import dev.stallkeeper.audit.application.CallbackIntake;
import dev.stallkeeper.protocol.BodySign;
import dev.stallkeeper.provisioning.application.CallbackService;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;

/**
 * The KooGallery SaaS production address (V2). Hands the request's credentials and body stream to the callback
 * service (which reads the body bounded, and only when the credentials allow) and writes the exact bytes it
 * answers, with their Body-Sign. Always HTTP 200 and
 * JSON: KooGallery reads failures from {@code resultCode}.
 */
@Path("/koogallery/produce")
public class ProduceResource {

    static final String JSON_UTF8 = "application/json;charset=UTF-8";

    @Inject
    CallbackService callbacks;

    @Inject
    Clock clock;

    @POST
    @Consumes(MediaType.WILDCARD)
    public Response produce(@QueryParam("signature") String signature, @QueryParam("timestamp") String timestamp,
                            @QueryParam("nonce") String nonce, @Context HttpServletRequest http) throws IOException {
        var arrival = new CallbackIntake.Arrival(signature, timestamp, nonce, http.getRemoteAddr(), clock.instant(),
                http.getContentLengthLong());
        try (InputStream in = http.getInputStream()) {
            return answer(callbacks.handle(arrival, in));
        }
    }

    /** HTTP 200 with the exact bytes of the answer and their Body-Sign. */
    static Response answer(CallbackAnswer answer) {
        Response.ResponseBuilder response = Response.ok(answer.body(), JSON_UTF8);
        if (answer.bodySign() != null) {
            response.header(BodySign.HEADER, answer.bodySign());
        }
        return response.build();
    }
}
