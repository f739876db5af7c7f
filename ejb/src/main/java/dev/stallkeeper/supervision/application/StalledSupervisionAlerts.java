package dev.stallkeeper.supervision.application;

import dev.stallkeeper.notification.application.Alert;
import dev.stallkeeper.notification.application.AlertSource;
import dev.stallkeeper.notification.application.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;

/** Alerts the seller once per stall of a supervision unmoved for 5 days (the key holds when it last moved). */
@ApplicationScoped
public class StalledSupervisionAlerts implements AlertSource {

    @Inject
    Supervisions supervisions;

    @Override
    public List<Alert> due(Instant now, int limit) {
        return supervisions.stalled(limit).stream()
                .map(s -> new Alert("supervision-stalled/" + s.id() + "/" + s.lastMovedAt().getEpochSecond(),
                        Outbox.Kind.SUPERVISION_STALLED, "Supervision of order " + s.orderId() + " has not moved for 5 days",
                        "The service supervision " + s.id() + " of order line " + s.orderId() + "/" + s.orderLineId()
                                + " has been " + s.stage() + " since " + Alert.beijing(s.lastMovedAt())
                                + " (Beijing time).\n"))
                .toList();
    }
}
