package dev.stallkeeper.audit.application;

import dev.stallkeeper.notification.application.Alert;
import dev.stallkeeper.notification.application.AlertSource;
import dev.stallkeeper.notification.application.Outbox;
import dev.stallkeeper.platform.StallkeeperConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;

/** Alerts the seller once per hour of rising callback failures ({@link FailureAlarm}). */
@ApplicationScoped
public class CallbackFailureAlerts implements AlertSource {

    @Inject
    CallbackStatistics statistics;

    @Inject
    StallkeeperConfig config;

    @Override
    public List<Alert> due(Instant now, int limit) {
        int percent = config.notifyFailurePercent();
        return FailureAlarm.rising(statistics.last24Hours(now), percent).stream()
                .map(hour -> new Alert("callback-failures/" + hour.start().getEpochSecond(),
                        Outbox.Kind.CALLBACK_FAILURES, "KooGallery callbacks are failing",
                        hour.failed() + " of " + hour.count() + " production callbacks failed in the hour from "
                                + Alert.beijing(hour.start()) + " (Beijing time), more than the hour before and at least "
                                + percent + "%. KooGallery delists products with more than 5 failed orders a month.\n"))
                .toList();
    }
}
