package dev.stallkeeper.web.console;

import dev.stallkeeper.invoicing.application.Invoices;
import dev.stallkeeper.invoicing.domain.Invoice;
import dev.stallkeeper.invoicing.domain.InvoiceDirection;
import dev.stallkeeper.invoicing.domain.InvoiceMedium;
import dev.stallkeeper.invoicing.domain.InvoiceStatus;
import dev.stallkeeper.invoicing.domain.InvoiceType;
import dev.stallkeeper.platform.ListPage;
import dev.stallkeeper.platform.RefusedException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;

/** The invoice list (admins and finance): filters, overdue flags, the postage rule, and recording a request. */
@Named("invoices")
@RequestScoped
public class InvoicesBean extends ConsolePage {

    static final String[] ROLES = {"admin", "finance"};

    @Inject
    Invoices invoices;

    private String direction;
    private String status;
    private String orderId;
    private boolean overdue;
    private int page;
    private int size;
    private ListPage<Invoices.Row> result;

    private String newDirection = InvoiceDirection.TO_CUSTOMER.name();
    private String newOrderId;
    private String newStatementRef;
    private String newTitle;
    private String newTaxId;
    private String newType = InvoiceType.ORDINARY.name();
    private String newMedium = InvoiceMedium.ELECTRONIC.name();
    private String newMailingAddress;
    private String newRecipientEmail;
    private String newAmount;

    /** The page asked for (query parameters page, size), newest request first. */
    public ListPage<Invoices.Row> getResult() {
        if (result == null) {
            result = invoices.page(new Invoices.Filter(parse(InvoiceDirection.class, direction), parse(InvoiceStatus.class, status),
                    orderId, overdue), page, size);
        }
        return result;
    }

    public List<Invoices.Row> getRows() {
        return getResult().rows();
    }

    /** A filter is set or a later page asked for (the empty list then means "nothing matches"). */
    public boolean isFiltered() {
        return PageLinks.narrowed(page, direction, status, orderId, overdue ? "true" : null);
    }

    /** The query string of this view (filters kept) with another page number. */
    public String pageLink(int target) {
        return PageLinks.query(target, getResult().size(), "direction", direction, "status", status, "orderId", orderId,
                "overdue", overdue ? "true" : null);
    }

    static <E extends Enum<E>> E parse(Class<E> type, String value) {
        return value == null || value.isBlank() || Arrays.stream(type.getEnumConstants()).noneMatch(e -> e.name().equals(value))
                ? null : Enum.valueOf(type, value);
    }

    public List<InvoiceStatus> getStatuses() { return Arrays.asList(InvoiceStatus.values()); }
    public List<InvoiceDirection> getDirections() { return Arrays.asList(InvoiceDirection.values()); }
    public List<InvoiceType> getTypes() { return Arrays.asList(InvoiceType.values()); }
    public List<InvoiceMedium> getMedia() { return Arrays.asList(InvoiceMedium.values()); }

    public String request() {
        requireAnyRole(ROLES);
        try {
            BigDecimal amount;
            try {
                amount = newAmount == null || newAmount.isBlank() ? null : new BigDecimal(newAmount.strip());
            } catch (NumberFormatException e) {
                throw new RefusedException("invoice.badAmount", false, "amount '" + newAmount + "' is not a decimal number");
            }
            Invoice i = invoices.request(new Invoice.Request(parse(InvoiceDirection.class, newDirection), newOrderId,
                    newStatementRef, newTitle, newTaxId, parse(InvoiceType.class, newType), parse(InvoiceMedium.class, newMedium),
                    newMailingAddress, newRecipientEmail, amount), null, currentUser());
            info(messages.get("inv.requested", i.id()));
            return "/admin/invoice?faces-redirect=true&id=" + i.id();
        } catch (RefusedException e) {
            return refused(e);
        }
    }

    public int getPage() { return page; }
    public void setPage(int v) { page = v; }
    public int getSize() { return size; }
    public void setSize(int v) { size = v; }
    public String getDirection() { return direction; }
    public void setDirection(String v) { direction = v; }
    public String getStatus() { return status; }
    public void setStatus(String v) { status = v; }
    public String getOrderId() { return orderId; }
    public void setOrderId(String v) { orderId = v; }
    public boolean isOverdue() { return overdue; }
    public void setOverdue(boolean v) { overdue = v; }
    public String getNewDirection() { return newDirection; }
    public void setNewDirection(String v) { newDirection = v; }
    public String getNewOrderId() { return newOrderId; }
    public void setNewOrderId(String v) { newOrderId = v; }
    public String getNewStatementRef() { return newStatementRef; }
    public void setNewStatementRef(String v) { newStatementRef = v; }
    public String getNewTitle() { return newTitle; }
    public void setNewTitle(String v) { newTitle = v; }
    public String getNewTaxId() { return newTaxId; }
    public void setNewTaxId(String v) { newTaxId = v; }
    public String getNewType() { return newType; }
    public void setNewType(String v) { newType = v; }
    public String getNewMedium() { return newMedium; }
    public void setNewMedium(String v) { newMedium = v; }
    public String getNewMailingAddress() { return newMailingAddress; }
    public void setNewMailingAddress(String v) { newMailingAddress = v; }
    public String getNewRecipientEmail() { return newRecipientEmail; }
    public void setNewRecipientEmail(String v) { newRecipientEmail = v; }
    public String getNewAmount() { return newAmount; }
    public void setNewAmount(String v) { newAmount = v; }
}
