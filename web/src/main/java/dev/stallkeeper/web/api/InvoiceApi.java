package dev.stallkeeper.web.api;

import dev.stallkeeper.invoicing.application.Invoices;
import dev.stallkeeper.invoicing.domain.Invoice;
import dev.stallkeeper.invoicing.domain.InvoiceDirection;
import dev.stallkeeper.invoicing.domain.InvoiceMedium;
import dev.stallkeeper.invoicing.domain.InvoiceRules;
import dev.stallkeeper.invoicing.domain.InvoiceStatus;
import dev.stallkeeper.invoicing.domain.InvoiceStep;
import dev.stallkeeper.invoicing.domain.InvoiceType;
import dev.stallkeeper.notification.application.Outbox;
import dev.stallkeeper.notification.domain.OutboxMail;
import dev.stallkeeper.platform.NotFoundException;
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
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.SecurityContext;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * Invoices in the admin API ({@code /api/admin/invoices}; roles admin and finance): customers' requests and the
 * seller's invoices to Huawei for settlement statements ({@code direction}). A step the current status does not
 * allow answers 409 with the reason.
 */
@Path("/admin/invoices")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"admin", "finance"})
public class InvoiceApi {

    @Inject
    Invoices invoices;

    @Inject
    Outbox outbox;

    @Inject
    Clock clock;

    @Context
    SecurityContext security;

    public record NewInvoice(String direction, String orderId, String statementRef, String title, String taxId, String type,
                             String medium, String mailingAddress, String recipientEmail, BigDecimal amount,
                             String requestedAt) {
    }

    public record Issue(String invoiceNumber, String issuedOn, WorkflowInput.File pdf) {
    }

    public record Mailing(String carrier, String trackingNumber) {
    }

    public record Reason(String reason) {
    }

    public record StepView(long id, String action, String from, String to, String actor, String reason, String occurredAt) {
        static StepView of(InvoiceStep t) {
            return new StepView(t.id(), t.action(), t.fromStatus() == null ? null : t.fromStatus().name(), t.toStatus().name(),
                    t.actor(), t.reason(), t.occurredAt().toString());
        }
    }

    public record MailView(long id, String status, int attempts, String lastError, String sentAt) {
        static MailView of(OutboxMail m) {
            return new MailView(m.id(), m.status().name(), m.attempts(), m.lastError(), SupervisionApi.text(m.sentAt()));
        }
    }

    public record InvoiceView(long id, String direction, String orderId, String statementRef, String title, String taxId,
                              String type, String medium, String mailingAddress, String recipientEmail, BigDecimal amount,
                              String status, String requestedAt, String dueAt, boolean overdue, String postage,
                              String invoiceNumber, String issuedOn, String pdfName, String carrier, String trackingNumber,
                              String deliveredAt, String rejectReason, List<String> allowedActions, List<StepView> steps,
                              List<MailView> emails) {
    }

    public record RowView(long id, String direction, String orderId, String statementRef, String title, BigDecimal amount,
                          String status, String invoiceNumber, String requestedAt, String dueAt, boolean overdue,
                          String postage) {
        static RowView of(Invoices.Row r) {
            return new RowView(r.id(), r.direction().name(), r.orderId(), r.statementRef(), r.title(), r.amount(),
                    r.status().name(), r.invoiceNumber(), r.requestedAt().toString(), r.dueAt().toString(), r.overdue(),
                    r.postage().name());
        }
    }

    private InvoiceView view(Invoice i) {
        return new InvoiceView(i.id(), i.direction().name(), i.orderId(), i.statementRef(), i.title(), i.taxId(),
                i.type().name(), i.medium().name(), i.mailingAddress(), i.recipientEmail(), i.amount(), i.status().name(),
                i.requestedAt().toString(), i.dueAt().toString(), i.overdue(clock.instant()), i.postage().name(),
                i.invoiceNumber(), i.issuedOn() == null ? null : i.issuedOn().toString(), i.pdfName(), i.carrier(),
                i.trackingNumber(), SupervisionApi.text(i.deliveredAt()), i.rejectReason(),
                InvoiceRules.allowed(i.status()).stream().map(Enum::name).sorted().toList(),
                invoices.steps(i.id()).stream().map(StepView::of).toList(),
                outbox.ofInvoice(i.id()).stream().map(MailView::of).toList());
    }

    /** Page {@code page} (from 0) of {@code size} (default 50, at most 200), newest request first. */
    @GET
    public PageJson<RowView> list(@QueryParam("direction") String direction, @QueryParam("status") String status,
                                  @QueryParam("orderId") String orderId, @QueryParam("overdue") boolean overdue,
                                  @QueryParam("page") @DefaultValue("0") int page,
                                  @QueryParam("size") @DefaultValue("50") int size, @Context UriInfo uri) {
        return PageJson.of(invoices.page(new Invoices.Filter(WorkflowInput.enumValue(InvoiceDirection.class, direction, "direction"),
                WorkflowInput.enumValue(InvoiceStatus.class, status, "status"), orderId, overdue), page, size), RowView::of, uri);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response request(NewInvoice body) {
        WorkflowInput.body(body);
        InvoiceDirection direction = WorkflowInput.enumValue(InvoiceDirection.class, body.direction(), "direction");
        Invoice i = invoices.request(new Invoice.Request(direction == null ? InvoiceDirection.TO_CUSTOMER : direction,
                body.orderId(), body.statementRef(), body.title(), body.taxId(),
                WorkflowInput.enumValue(InvoiceType.class, body.type(), "type"),
                WorkflowInput.enumValue(InvoiceMedium.class, body.medium(), "medium"), body.mailingAddress(),
                body.recipientEmail(), body.amount()), WorkflowInput.instant(body.requestedAt(), "requestedAt"), caller());
        return Response.created(URI.create("/api/admin/invoices/" + i.id())).entity(view(i)).build();
    }

    @GET
    @Path("{id}")
    public InvoiceView get(@PathParam("id") long id) {
        return view(invoices.find(id).orElseThrow(() -> new NotFoundException("no invoice " + id)));
    }

    @POST
    @Path("{id}/issue")
    @Consumes(MediaType.APPLICATION_JSON)
    public InvoiceView issue(@PathParam("id") long id, Issue body) {
        WorkflowInput.body(body);
        return view(invoices.issue(id, body.invoiceNumber(), WorkflowInput.date(body.issuedOn(), "issuedOn"),
                WorkflowInput.attachment(body.pdf()), caller()));
    }

    @POST
    @Path("{id}/mail")
    @Consumes(MediaType.APPLICATION_JSON)
    public InvoiceView mail(@PathParam("id") long id, Mailing body) {
        WorkflowInput.body(body);
        return view(invoices.mail(id, body.carrier(), body.trackingNumber(), caller()));
    }

    /** Queues the e-mail with the PDF (202); the invoice becomes EMAILED once the SMTP server accepts it. */
    @POST
    @Path("{id}/email")
    public Response email(@PathParam("id") long id) {
        boolean queued = invoices.email(id, caller());
        return Response.accepted(Map.of("queued", queued)).type(MediaType.APPLICATION_JSON).build();
    }

    @POST
    @Path("{id}/reject")
    @Consumes(MediaType.APPLICATION_JSON)
    public InvoiceView reject(@PathParam("id") long id, Reason body) {
        return view(invoices.reject(id, body == null ? null : body.reason(), caller()));
    }

    @POST
    @Path("{id}/return")
    @Consumes(MediaType.APPLICATION_JSON)
    public InvoiceView returned(@PathParam("id") long id, Reason body) {
        return view(invoices.returned(id, body == null ? null : body.reason(), caller()));
    }

    @GET
    @Path("{id}/pdf")
    @Produces(MediaType.WILDCARD)
    public Response pdf(@PathParam("id") long id) {
        Invoice i = invoices.find(id).orElseThrow(() -> new NotFoundException("no invoice " + id));
        if (i.pdfName() == null) {
            throw new NotFoundException("invoice " + id + " has no PDF yet");
        }
        return Downloads.file(i.pdfName(), i.pdfContentType(), i.pdfBytes());
    }

    private String caller() {
        return security.getUserPrincipal().getName();
    }
}
