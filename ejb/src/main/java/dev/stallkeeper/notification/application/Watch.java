package dev.stallkeeper.notification.application;

import dev.stallkeeper.audit.application.CallbackStatistics;
import dev.stallkeeper.invoicing.application.Invoices;
import dev.stallkeeper.platform.StallkeeperConfig;
import dev.stallkeeper.supervision.application.Supervisions;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.ZoneId;
import org.jboss.logging.Logger;

/**
 * Looks for what the seller must hear about and queues one e-mail per event: an invoice past its deadline (once
 * per invoice), a supervision unmoved for 5 days (once per stall: the key holds when it last moved), and an hour
 * of rising callback failures (once per hour). Any node may run it; the outbox's unique key keeps it to one e-mail.
 */
@Stateless
public class Watch {

    private static final Logger LOG = Logger.getLogger(Watch.class);
    private static final DateTimeFormatter BEIJING = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(ZoneId.of("Asia/Shanghai"));
    private static final int BATCH = 200;

    @Inject
    Clock clock;

    @Inject
    StallkeeperConfig config;

    @Inject
    Outbox outbox;

    @Inject
    Invoices invoices;

    @Inject
    Supervisions supervisions;

    @Inject
    CallbackStatistics statistics;

    /** @return how many notifications were queued */
    public int check() {
        if (config.notifyTo().isEmpty()) {
            return 0;
        }
        Instant now = clock.instant();
        int queued = 0;
        for (Invoices.Row i : invoices.list(new Invoices.Filter(null, null, null, true), 0, BATCH)) {
            if (outbox.notifySeller("invoice-overdue/" + i.id(), Outbox.Kind.INVOICE_OVERDUE,
                    "Invoice request " + i.id() + " is overdue",
                    "The invoice request " + i.id() + " (" + i.title() + ", " + i.amount().toPlainString() + " CNY"
                            + (i.orderId() != null ? ", order " + i.orderId() : "") + ") was due on "
                            + BEIJING.format(i.dueAt()) + " (Beijing time) and is still " + i.status() + ".\n")) {
                queued++;
            }
        }
        for (Supervisions.Row s : supervisions.stalled(BATCH)) {
            if (outbox.notifySeller("supervision-stalled/" + s.id() + "/" + s.lastMovedAt().getEpochSecond(),
                    Outbox.Kind.SUPERVISION_STALLED, "Supervision of order " + s.orderId() + " has not moved for 5 days",
                    "The service supervision " + s.id() + " of order line " + s.orderId() + "/" + s.orderLineId()
                            + " has been " + s.stage() + " since " + BEIJING.format(s.lastMovedAt()) + " (Beijing time).\n")) {
                queued++;
            }
        }
        var hour = FailureAlarm.rising(statistics.last24Hours(now), config.notifyFailurePercent());
        if (hour.isPresent() && outbox.notifySeller("callback-failures/" + hour.get().start().getEpochSecond(),
                Outbox.Kind.CALLBACK_FAILURES, "KooGallery callbacks are failing",
                hour.get().failed() + " of " + hour.get().count() + " production callbacks failed in the hour from "
                        + BEIJING.format(hour.get().start()) + " (Beijing time), more than the hour before and at least "
                        + config.notifyFailurePercent() + "%. KooGallery delists products with more than 5 failed orders"
                        + " a month.\n")) {
            queued++;
        }
        if (queued > 0) {
            LOG.infof("%d notifications queued", queued);
        }
        return queued;
    }
}
