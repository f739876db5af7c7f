package dev.stallkeeper.web.api;

import dev.stallkeeper.notification.application.Outbox;
import dev.stallkeeper.notification.domain.OutboxMail;
import dev.stallkeeper.platform.NotFoundException;
import dev.stallkeeper.platform.RefusedException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/**
 * The e-mail outbox in the admin API ({@code /api/admin/mail}; admins): invoices and notifications with their
 * attempts and last SMTP error, and a retry for e-mails parked after their last attempt.
 */
@Path("/admin/mail")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("admin")
public class MailApi {

    @Inject
    Outbox outbox;

    public record MailView(long id, String eventKey, String kind, List<String> recipients, String subject, String status,
                           int attempts, String nextAttemptAt, String lastError, String sentAt, Long invoiceId) {
        static MailView of(OutboxMail m) {
            return new MailView(m.id(), m.eventKey(), m.kind(), m.recipients(), m.subject(), m.status().name(), m.attempts(),
                    SupervisionApi.text(m.nextAttemptAt()), m.lastError(), SupervisionApi.text(m.sentAt()), m.invoiceId());
        }
    }

    /** The most recent e-mails, newest first. */
    @GET
    public List<MailView> recent(@QueryParam("max") @DefaultValue("100") int max) {
        return outbox.recent(Math.max(1, Math.min(max, 500))).stream().map(MailView::of).toList();
    }

    /** A parked e-mail goes back to the queue with fresh attempts. */
    @POST
    @Path("{id}/retry")
    public MailView retry(@PathParam("id") long id) {
        OutboxMail mail = outbox.find(id).orElseThrow(() -> new NotFoundException("no e-mail " + id));
        if (!outbox.retry(id)) {
            throw new RefusedException("mail.notParked", true, "e-mail " + id + " is " + mail.status()
                    + ": only a PARKED e-mail is retried by hand (pending ones are retried on their own)");
        }
        return MailView.of(outbox.find(id).orElseThrow());
    }
}
