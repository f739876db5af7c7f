package dev.stallkeeper.web.callback;

import dev.stallkeeper.audit.application.CallbackIntake;
import dev.stallkeeper.tenancy.application.KitCallbackService;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;

/**
 * The joint-operation Kit sync interfaces under the production address (spec §6.1):
 * {@code POST /api/koogallery/produce/produceAPI/v2/{tenantSync,applicationSync,authSync,singleOrgSync,allOrgSync}},
 * authenticated by the {@code x-sign}/{@code x-timestamp}/{@code x-nonce} headers. Like {@link ProduceResource}:
 * the exact bytes received go to the service, the exact bytes answered carry Body-Sign, always HTTP 200 JSON.
 */
@Path("/koogallery/produce/produceAPI/v2")
public class KitResource {

    @Inject
    KitCallbackService kit;

    @Inject
    Clock clock;

    @POST
    @Path("{name}")
    @Consumes(MediaType.WILDCARD)
    public Response sync(@PathParam("name") String name, @HeaderParam("x-sign") String sign,
                         @HeaderParam("x-timestamp") String timestamp, @HeaderParam("x-nonce") String nonce,
                         @Context HttpServletRequest http) throws IOException {
        var arrival = new CallbackIntake.Arrival(sign, timestamp, nonce, http.getRemoteAddr(), clock.instant(),
                http.getContentLengthLong());
        try (InputStream in = http.getInputStream()) {
            return ProduceResource.answer(kit.handle(name, arrival, in));
        }
    }
}
