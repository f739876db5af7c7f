package dev.stallkeeper.web.api;

import dev.stallkeeper.readiness.Readiness;
import dev.stallkeeper.readiness.ReadinessItem;
import dev.stallkeeper.web.common.Downloads;
import dev.stallkeeper.web.common.ReadinessRequests;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The go-live checklist and the publishing report in the admin API ({@code /api/admin/readiness}; admins only): what
 * is still missing before KooGallery is pointed at this server. The console's go-live page shows the same.
 */
@Path("/admin/readiness")
@RolesAllowed("admin")
public class ReadinessApi {

    @Inject
    Readiness readiness;

    @Context
    HttpServletRequest request;

    @Context
    ServletContext servletContext;

    /** The checklist: when it was made, the public address it judged, and its items. */
    public record ChecklistView(String generatedAt, String publicUrl, List<ReadinessItem> items) {
    }

    /**
     * The go-live checklist. Each item has an {@code id} ({@code koogalleryKey}, {@code kit}, {@code queryOrder},
     * {@code clock}, {@code https}, {@code smtp}, {@code debugCall}, {@code auditRetention}, {@code adminAccount}), a
     * {@code status} ({@code GREEN}, {@code AMBER}: works but needs a look or could not be checked, {@code RED}:
     * blocks going live), a {@code message} saying what was found (English; secrets only as set or not) and
     * {@code howToFix} (empty when green). Makes a signed Query Order call, a HEAD request to KooGallery's open API
     * and an SMTP connection, at once and bounded (20 s at most). HTTPS is judged from this request: TLS here or
     * {@code X-Forwarded-Proto: https} from the proxy in front.
     */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public ChecklistView checklist() {
        Readiness.Checklist checklist = readiness.check(ReadinessRequests.facts(request));
        return new ChecklistView(checklist.at().toString(), checklist.publicUrl().toString(), checklist.items());
    }

    /**
     * The publishing report to attach to a KooGallery listing: a dated, self-contained HTML file (inline CSS, no
     * script or external resource, English) with the checklist, the production address's conformance and security
     * cases run against itself through the public address (STALLKEEPER_PUBLIC_URL, else this request's), TLS and
     * security headers as seen from outside, the versions it runs on, and what it does not cover. Takes up to a few
     * seconds per case; sent as an attachment.
     */
    @GET
    @Path("report")
    @Produces(MediaType.TEXT_HTML)
    public Response report() {
        Readiness.Report report = readiness.report(ReadinessRequests.facts(request), servletContext.getServerInfo());
        return Response.fromResponse(Downloads.file(report.fileName(), "text/html; charset=UTF-8",
                report.html().getBytes(StandardCharsets.UTF_8))).header("Cache-Control", "no-store").build();
    }
}
