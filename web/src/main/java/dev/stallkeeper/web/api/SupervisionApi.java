package dev.stallkeeper.web.api;

import dev.stallkeeper.platform.NotFoundException;
import dev.stallkeeper.supervision.application.Supervisions;
import dev.stallkeeper.supervision.domain.Action;
import dev.stallkeeper.supervision.domain.Stage;
import dev.stallkeeper.supervision.domain.Supervision;
import dev.stallkeeper.supervision.domain.SupervisionRules;
import dev.stallkeeper.supervision.domain.SupervisionStep;
import dev.stallkeeper.web.common.Downloads;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.time.Clock;
import java.util.List;

/**
 * Service supervision in the admin API ({@code /api/admin/supervision}; roles admin and operator). Steps are
 * {@code POST /{id}/actions/{action}}; a step the current stage does not allow answers 409 with the reason.
 */
@Path("/admin/supervision")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"admin", "operator"})
public class SupervisionApi {

    @Inject
    Supervisions supervisions;

    @Inject
    Clock clock;

    @Context
    SecurityContext security;

    public record NewSupervision(String orderId, String orderLineId, List<String> hardwareCodes) {
    }

    /** A step's input: reason (rejections, appeals), new codes (resubmission), file (report, appeal evidence), start. */
    public record StepBody(String reason, List<String> hardwareCodes, WorkflowInput.File attachment, String serviceStart) {
    }

    public record StepView(long id, String action, String from, String to, String actor, String reason,
                           String attachmentName, String occurredAt) {
        static StepView of(SupervisionStep t) {
            return new StepView(t.id(), t.action(), t.fromStage() == null ? null : t.fromStage().name(), t.toStage().name(),
                    t.actor(), t.reason(), t.attachmentName(), t.occurredAt().toString());
        }
    }

    public record SupervisionView(long id, String orderId, String orderLineId, String instanceId, String productId,
                                  String customerName, String stage, List<String> hardwareCodes, String systemCode,
                                  String reportName, String serviceStartAt, String serviceStart, String customerAcceptedAt,
                                  String completionDueAt, String completedAt, String lastMovedAt, boolean stalled,
                                  List<String> allowedActions, List<StepView> steps) {
    }

    static String text(java.time.Instant t) {
        return t == null ? null : t.toString();
    }

    private SupervisionView view(Supervision s) {
        return new SupervisionView(s.id(), s.orderId(), s.orderLineId(), s.instanceId(), s.productId(), s.customerName(),
                s.stage().name(), s.hardwareCodes(), s.systemCode(), s.reportName(), text(s.serviceStartAt()),
                text(s.serviceStart()), text(s.customerAcceptedAt()), text(s.completionDueAt()), text(s.completedAt()),
                text(s.lastMovedAt()), s.stalled(clock.instant()),
                SupervisionRules.allowed(s.stage()).stream().map(Enum::name).sorted().toList(),
                supervisions.steps(s.id()).stream().map(StepView::of).toList());
    }

    public record RowView(long id, String orderId, String orderLineId, String customerName, String stage,
                          String systemCode, String lastMovedAt, String completionDueAt, boolean stalled) {
        static RowView of(Supervisions.Row r) {
            return new RowView(r.id(), r.orderId(), r.orderLineId(), r.customerName(), r.stage().name(), r.systemCode(),
                    text(r.lastMovedAt()), text(r.completionDueAt()), r.stalled());
        }
    }

    /** Page {@code page} (from 0) of {@code size} (default 50, at most 200), most recently moved first. */
    @GET
    public PageJson<RowView> list(@QueryParam("stage") String stage, @QueryParam("orderId") String orderId,
                                  @QueryParam("stalled") boolean stalled, @QueryParam("page") @DefaultValue("0") int page,
                                  @QueryParam("size") @DefaultValue("50") int size, @Context UriInfo uri) {
        return PageJson.of(supervisions.page(new Supervisions.Filter(WorkflowInput.enumValue(Stage.class, stage, "stage"),
                orderId, stalled), page, size), RowView::of, uri);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response open(NewSupervision body) {
        WorkflowInput.body(body);
        Supervision s = supervisions.open(body.orderId(), body.orderLineId(), body.hardwareCodes(), caller());
        return Response.created(URI.create("/api/admin/supervision/" + s.id())).entity(view(s)).build();
    }

    @GET
    @Path("{id}")
    public SupervisionView get(@PathParam("id") long id) {
        return view(supervisions.find(id).orElseThrow(() -> new NotFoundException("no supervision " + id)));
    }

    @POST
    @Path("{id}/actions/{action}")
    @Consumes(MediaType.APPLICATION_JSON)
    public SupervisionView act(@PathParam("id") long id, @PathParam("action") String action, StepBody body) {
        Action a = WorkflowInput.enumValue(Action.class, action, "action");
        StepBody b = body == null ? new StepBody(null, null, null, null) : body;
        Supervision s = supervisions.act(id, a, new Supervisions.StepInput(b.reason(), b.hardwareCodes(),
                WorkflowInput.attachment(b.attachment()), WorkflowInput.instant(b.serviceStart(), "serviceStart")), caller());
        return view(s);
    }

    /** The acceptance report as uploaded. */
    @GET
    @Path("{id}/report")
    @Produces(MediaType.WILDCARD)
    public Response report(@PathParam("id") long id) {
        Supervision s = supervisions.find(id).orElseThrow(() -> new NotFoundException("no supervision " + id));
        if (s.reportName() == null) {
            throw new NotFoundException("supervision " + id + " has no acceptance report yet");
        }
        return Downloads.file(s.reportName(), s.reportContentType(), s.reportBytes());
    }

    /** The file attached to one step (an appeal's evidence). */
    @GET
    @Path("{id}/steps/{stepId}/attachment")
    @Produces(MediaType.WILDCARD)
    public Response stepAttachment(@PathParam("id") long id, @PathParam("stepId") long stepId) {
        SupervisionStep step = supervisions.step(id, stepId).filter(t -> t.attachmentName() != null)
                .orElseThrow(() -> new NotFoundException("no attachment on step " + stepId + " of supervision " + id));
        return Downloads.file(step.attachmentName(), step.attachmentContentType(), step.attachmentBytes());
    }

    private String caller() {
        return security.getUserPrincipal().getName();
    }
}
