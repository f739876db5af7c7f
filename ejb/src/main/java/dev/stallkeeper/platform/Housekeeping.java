package dev.stallkeeper.platform;

import dev.stallkeeper.audit.application.CallbackJournal;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.time.Clock;
import org.jboss.logging.Logger;

/** Forgets nonces once the timestamp window alone refuses their replays (kept for twice the window plus a minute). */
@Singleton
@Startup
@DependsOn("SchemaMigrator")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class Housekeeping {

    private static final Logger LOG = Logger.getLogger(Housekeeping.class);

    @Inject
    CallbackJournal journal;

    @Inject
    StallkeeperConfig config;

    @Inject
    Clock clock;

    @Schedule(minute = "*", hour = "*", persistent = false, info = "stallkeeper-nonce-purge")
    void purgeNonces() {
        try {
            int purged = journal.purgeNonces(clock.instant()
                    .minus(config.signatureWindow().multipliedBy(2)).minusSeconds(60));
            if (purged > 0) {
                LOG.debugf("Purged %d expired nonces", purged);
            }
        } catch (RuntimeException e) {
            LOG.warnf("Nonce purge failed: %s", e.getMessage());
        }
    }
}
