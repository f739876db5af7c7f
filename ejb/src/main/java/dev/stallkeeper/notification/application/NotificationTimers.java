package dev.stallkeeper.notification.application;

import dev.stallkeeper.platform.QuietLog;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/**
 * The clocks of notification, on every node (non-persistent timers; the database keeps two nodes from doing the
 * same work): sends due e-mails every five seconds and asks the alert sources for events to notify every thirty.
 */
@Singleton
@Startup
@DependsOn("SchemaMigrator")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
// A tick has no transaction of its own: each call opens one, so a failure (the database away) is caught and logged
// here instead of rolling the timer's transaction back, which WildFly logs and retries at once.
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class NotificationTimers {

    private static final Logger LOG = Logger.getLogger(NotificationTimers.class);

    @Inject
    MailDelivery delivery;

    @Inject
    Watch watch;

    @Schedule(second = "*/5", minute = "*", hour = "*", persistent = false, info = "stallkeeper-mail-delivery")
    void deliver() {
        try {
            delivery.deliverDue(20);
        } catch (RuntimeException e) {
            LOG.warnf("E-mail delivery failed: %s", QuietLog.root(e));
        }
    }

    @Schedule(second = "*/30", minute = "*", hour = "*", persistent = false, info = "stallkeeper-notification-watch")
    void watch() {
        try {
            watch.check();
        } catch (RuntimeException e) {
            LOG.warnf("Notification watch failed: %s", QuietLog.root(e));
        }
    }
}
