package dev.stallkeeper.it.clock;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Test only (added to the web module of the deployment under test, never shipped): reads and sets the server's
 * {@link ShiftedClock}. PUT takes an ISO instant and answers the offset in milliseconds, which the test JVM then
 * applies to its own clock, so that both read the same time. Both answers read the application's own injected
 * {@link Clock}, so a deployment where the alternative is not in force fails the test at once instead of passing it
 * on the real date.
 */
@Path("/test/clock")
@Produces(MediaType.TEXT_PLAIN)
public class TestClockResource {

    @Inject
    Clock clock;

    @GET
    public String now() {
        return clock.instant() + " " + ShiftedClock.INSTANCE.offsetMillis();
    }

    @PUT
    public Response set(String instant) {
        Instant at = Instant.parse(instant.trim());
        long offset = ShiftedClock.INSTANCE.set(at);
        Duration off = Duration.between(at, clock.instant()).abs();
        if (off.compareTo(Duration.ofSeconds(5)) > 0) {
            return Response.serverError().entity("the application's clock reads " + clock.instant() + ", not " + at
                    + ": the test clock is not in force").build();
        }
        return Response.ok(Long.toString(offset)).build();
    }
}
