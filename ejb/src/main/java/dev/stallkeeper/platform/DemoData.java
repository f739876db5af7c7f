package dev.stallkeeper.platform;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.jboss.logging.Logger;

/**
 * Sample instances for the quick start (STALLKEEPER_DEMO_DATA=true), written once into an empty database so
 * that a newcomer can query them through the simulator right away. Never runs unless asked for.
 */
@Singleton
@Startup
@DependsOn("SchemaMigrator")
public class DemoData {

    private static final Logger LOG = Logger.getLogger(DemoData.class);

    @PersistenceContext(unitName = "stallkeeper")
    EntityManager em;

    @Inject
    StallkeeperConfig config;

    @Inject
    Clock clock;

    @PostConstruct
    void load() {
        if (!config.demoData()) {
            return;
        }
        long existing = ((Number) em.createNativeQuery("SELECT COUNT(*) FROM instance").getSingleResult()).longValue();
        if (existing > 0) {
            return;
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        insert("demo-active-1", "CSDEMO0000000001", "ACTIVE", "SKU-STANDARD", 20, now.plus(300, ChronoUnit.DAYS), now);
        insert("demo-active-2", "CSDEMO0000000002", "ACTIVE", "SKU-PRO", 100, now.plus(30, ChronoUnit.DAYS), now);
        insert("demo-frozen-1", "CSDEMO0000000003", "FROZEN", "SKU-STANDARD", 10, now.minus(3, ChronoUnit.DAYS), now);
        // the catalog as the demo orders would have taught it (see Catalog.recordSeen)
        em.createNativeQuery("INSERT INTO catalog_product (product_id, koogallery_name, first_seen_at)"
                        + " VALUES ('OFFI-DEMO', 'Demo Office Suite', ?1)")
                .setParameter(1, now.atOffset(ZoneOffset.UTC)).executeUpdate();
        for (String sku : new String[] {"SKU-STANDARD", "SKU-PRO"}) {
            em.createNativeQuery("INSERT INTO catalog_sku (product_id, sku_code, first_seen_at) VALUES ('OFFI-DEMO', ?1, ?2)")
                    .setParameter(1, sku).setParameter(2, now.atOffset(ZoneOffset.UTC)).executeUpdate();
        }
        LOG.info("Demo data loaded: instances demo-active-1, demo-active-2, demo-frozen-1");
    }

    private void insert(String id, String orderId, String state, String sku, int seats, Instant expires, Instant now) {
        em.createNativeQuery("INSERT INTO instance (id, order_id, order_line_id, product_key, state, charging_mode,"
                        + " product_id, sku_code, linear_value, period_type, period_number, trial, expires_at, customer_id,"
                        + " customer_name, front_end_url, admin_url, app_user_name, app_password, created_at, updated_at,"
                        + " version) VALUES (?1, ?2, ?3, '', ?4, 'PERIOD', 'OFFI-DEMO', ?5, ?6, 'year', 1, FALSE, ?7,"
                        + " 'demo-customer', 'Demo Buyer Ltd.', ?8, ?9, 'admin', 'demo-password', ?10, ?10, 0)")
                .setParameter(1, id).setParameter(2, orderId).setParameter(3, orderId + "-000001")
                .setParameter(4, state).setParameter(5, sku).setParameter(6, seats)
                .setParameter(7, expires.atOffset(ZoneOffset.UTC))
                .setParameter(8, "https://saas.example.com/t/" + id + "/")
                .setParameter(9, "https://saas.example.com/t/" + id + "/admin/")
                .setParameter(10, now.atOffset(ZoneOffset.UTC))
                .executeUpdate();
    }
}
