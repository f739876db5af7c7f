package dev.stallkeeper.security.application;

import dev.stallkeeper.platform.SqlTimes;
import dev.stallkeeper.security.domain.LoginBackoff;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Failed logins per user name and per client address, kept in the database so that every node of a fleet slows
 * down the same guesser ({@link LoginBackoff} says how). The login mechanism asks {@link #lockedUntil} before it
 * checks a password: a locked subject costs no password hash at all. Each call commits on its own.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class LoginThrottle {

    private static final Logger LOG = Logger.getLogger(LoginThrottle.class);

    @PersistenceContext(unitName = "stallkeeper")
    EntityManager em;

    @Inject
    Clock clock;

    /** The later of the user's and the address's lock, if either is locked now. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Optional<Instant> lockedUntil(String username, String address) {
        Instant now = clock.instant();
        Optional<Instant> until = Optional.empty();
        for (String subject : List.of(user(username), addr(address))) {
            Optional<Instant> lock = lock(subject).filter(now::isBefore);
            if (lock.isPresent() && (until.isEmpty() || lock.get().isAfter(until.get()))) {
                until = lock;
            }
        }
        return until;
    }

    /** Counts a failed login against the user name and the address; returns until when the user is locked. */
    public Optional<Instant> failed(String username, String address) {
        Instant now = clock.instant();
        Instant userLock = count(user(username), LoginBackoff.USER_FREE, now);
        Instant addrLock = count(addr(address), LoginBackoff.ADDRESS_FREE, now);
        if (userLock != null || addrLock != null) {
            LOG.warnf("Login of %s from %s failed repeatedly: locked until %s", username, address,
                    userLock != null ? userLock : addrLock);
        }
        return Optional.ofNullable(userLock);
    }

    /** A successful login forgets the user's and the address's failures. */
    public void succeeded(String username, String address) {
        em.createNativeQuery("DELETE FROM login_failure WHERE subject IN (?1, ?2)")
                .setParameter(1, user(username)).setParameter(2, addr(address)).executeUpdate();
    }

    /** An admin lifts a user's lock (the users page and the admin API). */
    public void unlock(String username, String by) {
        em.createNativeQuery("DELETE FROM login_failure WHERE subject = ?1").setParameter(1, user(username)).executeUpdate();
        LOG.infof("Login lock of %s lifted by %s", username, by);
    }

    /** The users locked now, by name: until when. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Map<String, Instant> lockedUsers() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT subject, locked_until FROM login_failure"
                + " WHERE subject LIKE 'user:%' AND locked_until > ?1 ORDER BY subject")
                .setParameter(1, OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC)).getResultList();
        Map<String, Instant> out = new LinkedHashMap<>();
        for (Object[] r : rows) {
            out.put(((String) r[0]).substring("user:".length()), SqlTimes.instant(r[1]));
        }
        return out;
    }

    private Instant count(String subject, int free, Instant now) {
        OffsetDateTime at = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
        // the row exists before it is locked: two nodes counting at once both count (no lost failure)
        em.createNativeQuery("INSERT INTO login_failure (subject, failures, last_failure_at) VALUES (?1, 0, ?2)"
                + " ON CONFLICT DO NOTHING").setParameter(1, subject).setParameter(2, at).executeUpdate();
        Object[] row = (Object[]) em.createNativeQuery("SELECT failures, last_failure_at FROM login_failure"
                + " WHERE subject = ?1 FOR UPDATE").setParameter(1, subject).getSingleResult();
        int failures = LoginBackoff.next(((Number) row[0]).intValue(), ((Number) row[0]).intValue() == 0 ? null
                : SqlTimes.instant(row[1]), now);
        Instant until = LoginBackoff.lockedUntil(failures, free, now);
        em.createNativeQuery("UPDATE login_failure SET failures = ?2, last_failure_at = ?3, locked_until = ?4"
                        + " WHERE subject = ?1").setParameter(1, subject).setParameter(2, failures).setParameter(3, at)
                .setParameter(4, until == null ? null : OffsetDateTime.ofInstant(until, ZoneOffset.UTC)).executeUpdate();
        return until;
    }

    private Optional<Instant> lock(String subject) {
        @SuppressWarnings("unchecked")
        List<Object> rows = em.createNativeQuery("SELECT locked_until FROM login_failure WHERE subject = ?1")
                .setParameter(1, subject).getResultList();
        return rows.isEmpty() || rows.get(0) == null ? Optional.empty() : Optional.of(SqlTimes.instant(rows.get(0)));
    }

    private static String user(String username) {
        return "user:" + truncate(username);
    }

    private static String addr(String address) {
        return "addr:" + truncate(address == null ? "unknown" : address);
    }

    private static String truncate(String s) {
        return s.length() > 150 ? s.substring(0, 150) : s;
    }
}
