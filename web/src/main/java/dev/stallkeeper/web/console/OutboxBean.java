package dev.stallkeeper.web.console;

import dev.stallkeeper.notification.application.Outbox;
import dev.stallkeeper.notification.domain.OutboxMail;
import dev.stallkeeper.platform.ListPage;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.Arrays;
import java.util.List;

/**
 * The e-mail outbox (admins only): invoices and notifications with their attempts, last SMTP error and next
 * attempt (never their bodies), paged newest first, and a retry for parked ones. The retry takes the e-mail's id
 * from the button pressed (not the row's position, which moves as e-mails arrive) and locks the row: pressed twice,
 * the second press finds it queued already and changes nothing.
 */
@Named("mailOutbox")
@RequestScoped
public class OutboxBean extends ConsolePage {

    static final String[] ROLES = {"admin"};

    @Inject
    Outbox outbox;

    private String status;
    private int page;
    private int size;
    private ListPage<Outbox.Row> result;

    public ListPage<Outbox.Row> getResult() {
        if (result == null) {
            result = outbox.page(InvoicesBean.parse(OutboxMail.Status.class, status), page, size);
        }
        return result;
    }

    public List<OutboxMail.Status> getStatuses() {
        return Arrays.asList(OutboxMail.Status.values());
    }

    /** The status filter is set or a later page asked for (the empty list then means "nothing matches"). */
    public boolean isFiltered() {
        return PageLinks.narrowed(page, status);
    }

    /** The query string of this view (filter kept) with another page number. */
    public String pageLink(int target) {
        return PageLinks.query(target, getResult().size(), "status", status);
    }

    /** Puts the parked e-mail whose button was pressed (its id is the value of {@code outbox:retry}) back in the queue. */
    public String retry() {
        requireAnyRole(ROLES);
        String raw = faces.getExternalContext().getRequestParameterMap().get("outbox:retry");
        long id;
        try {
            id = Long.parseLong(raw == null ? "" : raw.strip());
        } catch (NumberFormatException e) {
            faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, messages.get("mailbox.retry.unknown", raw), null));
            return null;
        }
        if (outbox.find(id).isEmpty()) {
            faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, messages.get("mailbox.retry.unknown", String.valueOf(id)), null));
            return null;
        }
        if (outbox.retry(id)) {
            info(messages.get("mailbox.retry.queued", String.valueOf(id)));
            return "/admin/outbox?faces-redirect=true&includeViewParams=true";
        }
        faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_WARN, messages.get("mailbox.retry.notParked", String.valueOf(id)), null));
        return null;
    }

    public String getStatus() { return status; }
    public void setStatus(String v) { status = InvoicesBean.parse(OutboxMail.Status.class, v) == null ? null : v; }
    public int getPage() { return page; }
    public void setPage(int v) { page = v; }
    public int getSize() { return size; }
    public void setSize(int v) { size = v; }
}
