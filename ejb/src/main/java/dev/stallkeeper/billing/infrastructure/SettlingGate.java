package dev.stallkeeper.billing.infrastructure;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Where a change to a bill and a settling slice meet, on PostgreSQL: transaction-level advisory locks, one per bucket
 * of 65,536 bill ids. A slice takes its buckets exclusively (ascending) before its {@code INSERT ... SELECT}; a change
 * takes its bill's bucket shared after the bill's row lock and before it reads the ledger. So a change in flight when
 * a slice begins commits first and the slice's insert (a new statement, a new snapshot) sees it (a bill that
 * stopped being eligible, or changed after the run's as-of instant, is left out); a change that begins while the
 * slice runs waits for its commit and then reads the bill as settled, and refuses. This is the guarantee the settling
 * insert's {@code FOR SHARE} gave, without writing a lock into every settled bill's row (a million row locks cost
 * about 1 s of the settle step). Deadlock-free: a slice waits for no row lock, a change for one bucket only, and
 * slices take buckets in ascending order. On H2 (the single-node quick start) there is nothing to do.
 */
@ApplicationScoped
public class SettlingGate {

    /** The advisory lock space of settling ("settle" in hex-speak), the first key of every lock taken here. */
    static final int SPACE = 0x5E771E;
    static final int BUCKET_BITS = 16;

    @PersistenceContext(unitName = "stallkeeper")
    EntityManager em;

    @Resource(lookup = "java:jboss/datasources/StallkeeperDS")
    DataSource dataSource;

    private volatile Boolean postgres;

    /** A change to bill {@code billId} waits here for a slice settling its bucket (call it after the row lock). */
    public void enterChange(long billId) {
        if (onPostgres()) {
            em.createNativeQuery("SELECT pg_advisory_xact_lock_shared(?1, ?2)")
                    .setParameter(1, SPACE).setParameter(2, bucket(billId)).getSingleResult();
        }
    }

    /** A slice over bill ids {@code fromId..toId} waits here for the changes in flight on its buckets. */
    public void enterSlice(long fromId, long toId) {
        if (!onPostgres()) {
            return;
        }
        for (long b = bucket(fromId); b <= bucket(toId); b++) {
            em.createNativeQuery("SELECT pg_advisory_xact_lock(?1, ?2)")
                    .setParameter(1, SPACE).setParameter(2, (int) b).getSingleResult();
        }
    }

    /** The bucket of a bill id (ids are positive and below 2^47). */
    static int bucket(long billId) {
        return (int) (billId >>> BUCKET_BITS);
    }

    /** Whether the database is PostgreSQL (else the H2 quick start); asked once. */
    boolean onPostgres() {
        Boolean known = postgres;
        if (known == null) {
            try (Connection c = dataSource.getConnection()) {
                known = "PostgreSQL".equals(c.getMetaData().getDatabaseProductName());
            } catch (SQLException e) {
                throw new IllegalStateException("cannot read the database's product name", e);
            }
            postgres = known;
        }
        return known;
    }
}
