package dev.stallkeeper.provisioning.application;

import dev.stallkeeper.provisioning.domain.WorkClaim;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * The work claims this node holds right now (work id to attempt). A claim is a lease, so a node that dies keeps
 * its work only until the lease ends; a node that stops gracefully gives its unfinished claims back at once
 * (their next attempt becomes due now), so that another node takes them over without waiting out the lease. An
 * attempt given back that still finishes here changes nothing: the work's attempt number has moved on.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class HeldClaims {

    private static final Logger LOG = Logger.getLogger(HeldClaims.class);

    private final Map<Long, Integer> held = new ConcurrentHashMap<>();

    @Resource(lookup = "java:jboss/datasources/StallkeeperDS")
    DataSource dataSource;

    public void hold(WorkClaim claim) {
        held.put(claim.workId(), claim.attempt());
    }

    public void done(WorkClaim claim) {
        held.remove(claim.workId(), claim.attempt());
    }

    public int count() {
        return held.size();
    }

    /** At undeployment (a graceful shutdown, after the server's suspend let in-flight requests finish). */
    @PreDestroy
    void giveBack() {
        if (held.isEmpty()) {
            return;
        }
        int given = 0;
        // Plain JDBC in auto-commit: at this point of the undeployment other components may be stopping.
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("UPDATE work_item SET next_attempt_at = CURRENT_TIMESTAMP"
                     + " WHERE id = ? AND attempts = ? AND status = 'PENDING'")) {
            for (Map.Entry<Long, Integer> e : held.entrySet()) {
                s.setLong(1, e.getKey());
                s.setInt(2, e.getValue());
                given += s.executeUpdate();
            }
        } catch (SQLException e) {
            LOG.warnf("Could not give back %d work claims (they expire with their lease): %s", held.size(),
                    e.getMessage());
            return;
        }
        LOG.infof("Gave back %d unfinished work claims at shutdown", given);
        held.clear();
    }
}
