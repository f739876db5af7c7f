package dev.stallkeeper.notification.application;

import dev.stallkeeper.platform.StallkeeperConfig;
import jakarta.ejb.Stateless;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * Asks every {@link AlertSource} what the seller must hear about and queues one e-mail per alert (an invoice past
 * its deadline, a supervision unmoved for 5 days, an hour of rising callback failures: each context decides). Any
 * node may run it; the outbox's unique key keeps each alert to one e-mail.
 */
@Stateless
public class Watch {

    private static final Logger LOG = Logger.getLogger(Watch.class);
    private static final int BATCH = 200;

    @Inject
    Clock clock;

    @Inject
    StallkeeperConfig config;

    @Inject
    Outbox outbox;

    @Inject
    @Any
    Instance<AlertSource> sources;

    /** @return how many notifications were queued */
    public int check() {
        if (config.notifyTo().isEmpty()) {
            return 0;
        }
        Instant now = clock.instant();
        int queued = 0;
        for (AlertSource source : sources) {
            for (Alert alert : source.due(now, BATCH)) {
                if (outbox.notifySeller(alert.eventKey(), alert.kind(), alert.subject(), alert.body())) {
                    queued++;
                }
            }
        }
        if (queued > 0) {
            LOG.infof("%d notifications queued", queued);
        }
        return queued;
    }
}
