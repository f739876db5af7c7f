package dev.stallkeeper.invoicing.application;

import dev.stallkeeper.notification.application.Alert;
import dev.stallkeeper.notification.application.AlertSource;
import dev.stallkeeper.notification.application.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;

/** Alerts the seller once per invoice request past its deadline. */
@ApplicationScoped
public class OverdueInvoiceAlerts implements AlertSource {

    @Inject
    Invoices invoices;

    @Override
    public List<Alert> due(Instant now, int limit) {
        return invoices.list(new Invoices.Filter(null, null, null, true), 0, limit).stream()
                .map(i -> new Alert("invoice-overdue/" + i.id(), Outbox.Kind.INVOICE_OVERDUE,
                        "Invoice request " + i.id() + " is overdue",
                        "The invoice request " + i.id() + " (" + i.title() + ", " + i.amount().toPlainString() + " CNY"
                                + (i.orderId() != null ? ", order " + i.orderId() : "") + ") was due on "
                                + Alert.beijing(i.dueAt()) + " (Beijing time) and is still " + i.status() + ".\n"))
                .toList();
    }
}
