package dev.stallkeeper.web.console;

import dev.stallkeeper.invoicing.application.Invoices;
import dev.stallkeeper.invoicing.domain.Invoice;
import dev.stallkeeper.invoicing.domain.InvoiceAction;
import dev.stallkeeper.invoicing.domain.InvoiceRules;
import dev.stallkeeper.invoicing.domain.InvoiceStep;
import dev.stallkeeper.notification.application.Outbox;
import dev.stallkeeper.notification.domain.OutboxMail;
import dev.stallkeeper.platform.RefusedException;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.Part;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;

/** One invoice: its request, the steps its status allows, the PDF, its e-mails and the timeline. */
@Named("invoice")
@ViewScoped
public class InvoiceBean extends ConsolePage implements java.io.Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    Invoices invoices;

    @Inject
    Outbox outbox;

    private Long id;
    private transient Invoice found;
    private transient boolean loaded;
    private String invoiceNumber;
    private String issuedOn;
    private transient Part pdf;
    private String carrier;
    private String trackingNumber;
    private String reason;

    public Invoice getDetails() {
        if (!loaded) {
            found = id == null ? null : invoices.find(id).orElse(null);
            loaded = true;
        }
        return found;
    }

    public List<InvoiceStep> getSteps() {
        return getDetails() == null ? List.of() : invoices.steps(id);
    }

    public List<OutboxMail> getEmails() {
        return getDetails() == null ? List.of() : outbox.ofInvoice(id);
    }

    public boolean isOverdue() {
        return getDetails() != null && invoices.overdueNow(found);
    }

    public boolean allows(String action) {
        if (getDetails() == null) {
            return false;
        }
        Set<InvoiceAction> allowed = InvoiceRules.allowed(found.status());
        InvoiceAction a = InvoiceAction.valueOf(action);
        return allowed.contains(a) && switch (a) {
            case MAIL -> found.medium().mailedOnPaper();
            case EMAIL -> !found.medium().mailedOnPaper();
            default -> true;
        };
    }

    public String issue() {
        return step(InvoiceAction.ISSUE, () -> {
            LocalDate date;
            try {
                date = issuedOn == null || issuedOn.isBlank() ? null : LocalDate.parse(issuedOn.strip());
            } catch (DateTimeParseException e) {
                throw new RefusedException("request.badDate", false, "issued on '" + issuedOn + "' is not yyyy-MM-dd");
            }
            invoices.issue(id, invoiceNumber, date, attachment(pdf), currentUser());
        });
    }

    public String mail() {
        return step(InvoiceAction.MAIL, () -> invoices.mail(id, carrier, trackingNumber, currentUser()));
    }

    public String email() {
        return step(InvoiceAction.EMAIL, () -> invoices.email(id, currentUser()));
    }

    public String reject() {
        return step(InvoiceAction.REJECT, () -> invoices.reject(id, reason, currentUser()));
    }

    public String giveBack() {
        return step(InvoiceAction.RETURN, () -> invoices.returned(id, reason, currentUser()));
    }

    private String step(InvoiceAction action, Runnable work) {
        requireAnyRole(InvoicesBean.ROLES);
        try {
            work.run();
            info(messages.get("inv.done", messages.get("inv.action." + action.name())));
            return "/admin/invoice?faces-redirect=true&id=" + id;
        } catch (RefusedException e) {
            return refused(e);
        }
    }

    public void downloadPdf() {
        requireAnyRole(InvoicesBean.ROLES);
        Invoice i = getDetails();
        if (i != null && i.pdfName() != null) {
            download(i.pdfName(), i.pdfContentType(), i.pdfBytes());
        }
    }

    public Long getId() { return id; }
    public void setId(Long v) { id = v; }
    public String getInvoiceNumber() { return invoiceNumber; }
    public void setInvoiceNumber(String v) { invoiceNumber = v; }
    public String getIssuedOn() { return issuedOn; }
    public void setIssuedOn(String v) { issuedOn = v; }
    public Part getPdf() { return pdf; }
    public void setPdf(Part v) { pdf = v; }
    public String getCarrier() { return carrier; }
    public void setCarrier(String v) { carrier = v; }
    public String getTrackingNumber() { return trackingNumber; }
    public void setTrackingNumber(String v) { trackingNumber = v; }
    public String getReason() { return reason; }
    public void setReason(String v) { reason = v; }
}
