package dev.stallkeeper.catalog.application;

import static dev.stallkeeper.platform.SqlTimes.instant;

import dev.stallkeeper.catalog.domain.DisplayName;
import dev.stallkeeper.platform.NotFoundException;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jboss.logging.Logger;

/**
 * The products the seller sells, as KooGallery's orders name them (product id, SKU, product name), grouped by
 * product type (the settlement grouping of STALLKEEPER_PRODUCT_TYPES), with display names the seller edits.
 * Products are learnt when Query Order first describes an order line ({@link #recordSeen}); nobody types them in.
 */
@Stateless
public class Catalog {

    private static final Logger LOG = Logger.getLogger(Catalog.class);

    @PersistenceContext(unitName = "stallkeeper")
    EntityManager em;

    @Inject
    ProductTypes productTypes;

    @Inject
    FeeSchedule fees;

    @Inject
    Clock clock;

    public record SkuView(String skuCode, String displayName, String shown, Instant firstSeenAt, Instant updatedAt,
                          String updatedBy) {
    }

    public record ProductView(String productId, String kooGalleryName, String displayName, String shown,
                              String productType, Instant firstSeenAt, Instant updatedAt, String updatedBy,
                              List<SkuView> skus) {
    }

    public record ProductTypeView(String code, String displayName, String shown, java.math.BigDecimal feePercent,
                                  boolean supervised, List<ProductView> products) {
    }

    /** Every product type with its products and their SKUs, types and products in code order. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public List<ProductTypeView> overview() {
        Map<String, List<SkuView>> skus = new HashMap<>();
        for (Object[] r : rows("SELECT product_id, sku_code, display_name, first_seen_at, updated_at, updated_by"
                + " FROM catalog_sku ORDER BY product_id, sku_code")) {
            String sku = (String) r[1];
            skus.computeIfAbsent((String) r[0], k -> new ArrayList<>()).add(new SkuView(sku, (String) r[2],
                    DisplayName.shown((String) r[2], null, sku), instant(r[3]), instant(r[4]), (String) r[5]));
        }
        Map<String, List<ProductView>> byType = new TreeMap<>();
        for (String type : knownTypes()) {
            byType.put(type, new ArrayList<>());
        }
        for (Object[] r : rows("SELECT product_id, koogallery_name, display_name, first_seen_at, updated_at, updated_by"
                + " FROM catalog_product ORDER BY product_id")) {
            String id = (String) r[0];
            String type = productTypes.of(id);
            byType.computeIfAbsent(type, k -> new ArrayList<>()).add(new ProductView(id, (String) r[1], (String) r[2],
                    DisplayName.shown((String) r[2], (String) r[1], id), type, instant(r[3]), instant(r[4]),
                    (String) r[5], skus.getOrDefault(id, List.of())));
        }
        Map<String, String> typeNames = productTypeNames();
        List<ProductTypeView> out = new ArrayList<>();
        byType.forEach((type, products) -> out.add(new ProductTypeView(type, typeNames.get(type),
                DisplayName.shown(typeNames.get(type), null, type), fees.feePercent(type),
                isSupervised(type), products)));
        return out;
    }

    /** Display names of products (product id to the name to show), for lists that show many instances. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Map<String, String> productNames() {
        Map<String, String> names = new HashMap<>();
        for (Object[] r : rows("SELECT product_id, koogallery_name, display_name FROM catalog_product")) {
            names.put((String) r[0], DisplayName.shown((String) r[2], (String) r[1], (String) r[0]));
        }
        return names;
    }

    /**
     * Notes a product and SKU named by an order (idempotent; called in the transaction that stores what Query
     * Order said). KooGallery's product name is kept up to date; the seller's display name is never touched.
     */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public void recordSeen(String productId, String skuCode, String productName, Instant at) {
        if (productId == null || productId.isBlank()) {
            return;
        }
        OffsetDateTime when = at.atOffset(ZoneOffset.UTC);
        String name = productName == null || productName.isBlank() ? null : truncate(productName.strip(), 255);
        int added = em.createNativeQuery("INSERT INTO catalog_product (product_id, koogallery_name, first_seen_at)"
                        + " VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING")
                .setParameter(1, productId).setParameter(2, name).setParameter(3, when).executeUpdate();
        if (added == 0 && name != null) {
            em.createNativeQuery("UPDATE catalog_product SET koogallery_name = ?2 WHERE product_id = ?1"
                            + " AND (koogallery_name IS NULL OR koogallery_name <> ?2)")
                    .setParameter(1, productId).setParameter(2, name).executeUpdate();
        }
        if (skuCode != null && !skuCode.isBlank()) {
            em.createNativeQuery("INSERT INTO catalog_sku (product_id, sku_code, first_seen_at) VALUES (?1, ?2, ?3)"
                            + " ON CONFLICT DO NOTHING")
                    .setParameter(1, productId).setParameter(2, skuCode).setParameter(3, when).executeUpdate();
        }
    }

    public ProductView renameProduct(String productId, String displayName, String by) {
        String name = DisplayName.normalize(displayName);
        int changed = em.createNativeQuery("UPDATE catalog_product SET display_name = ?2, updated_at = ?3,"
                        + " updated_by = ?4 WHERE product_id = ?1")
                .setParameter(1, productId).setParameter(2, name).setParameter(3, now()).setParameter(4, by)
                .executeUpdate();
        if (changed == 0) {
            throw new UnknownEntry("no product " + productId + " is known from orders");
        }
        LOG.infof("Product %s renamed by %s", productId, by);
        return product(productId);
    }

    public SkuView renameSku(String productId, String skuCode, String displayName, String by) {
        String name = DisplayName.normalize(displayName);
        int changed = em.createNativeQuery("UPDATE catalog_sku SET display_name = ?3, updated_at = ?4, updated_by = ?5"
                        + " WHERE product_id = ?1 AND sku_code = ?2")
                .setParameter(1, productId).setParameter(2, skuCode).setParameter(3, name).setParameter(4, now())
                .setParameter(5, by).executeUpdate();
        if (changed == 0) {
            throw new UnknownEntry("no SKU " + skuCode + " of product " + productId + " is known from orders");
        }
        LOG.infof("SKU %s of product %s renamed by %s", skuCode, productId, by);
        return product(productId).skus().stream().filter(s -> s.skuCode().equals(skuCode)).findFirst().orElseThrow();
    }

    /** Names a product type (blank: back to its code). The type must be configured or have products. */
    public ProductTypeView renameProductType(String code, String displayName, String by) {
        String name = DisplayName.normalize(displayName);
        if (!knownTypes().contains(code) && products().noneMatch(p -> productTypes.of(p).equals(code))) {
            throw new UnknownEntry("no product type " + code + " is configured or has products");
        }
        em.createNativeQuery("DELETE FROM catalog_product_type WHERE code = ?1").setParameter(1, code).executeUpdate();
        if (name != null) {
            em.createNativeQuery("INSERT INTO catalog_product_type (code, display_name, updated_at, updated_by)"
                            + " VALUES (?1, ?2, ?3, ?4)")
                    .setParameter(1, code).setParameter(2, name).setParameter(3, now()).setParameter(4, by)
                    .executeUpdate();
        }
        LOG.infof("Product type %s renamed by %s", code, by);
        return overview().stream().filter(t -> t.code().equals(code)).findFirst().orElseThrow();
    }

    private ProductView product(String productId) {
        return overview().stream().flatMap(t -> t.products().stream()).filter(p -> p.productId().equals(productId))
                .findFirst().orElseThrow(() -> new UnknownEntry("no product " + productId + " is known from orders"));
    }

    /** A product, SKU or product type that the catalog does not know. */
    public static class UnknownEntry extends NotFoundException {
        public UnknownEntry(String message) {
            super(message);
        }
    }

    private java.util.stream.Stream<String> products() {
        return em.createNativeQuery("SELECT product_id FROM catalog_product").getResultList().stream()
                .map(String.class::cast);
    }

    private TreeSet<String> knownTypes() {
        TreeSet<String> types = new TreeSet<>();
        types.addAll(productTypes.configured());
        types.addAll(productTypeNames().keySet());
        return types;
    }

    private boolean isSupervised(String type) {
        return productTypes.supervisedType(type);
    }

    private Map<String, String> productTypeNames() {
        Map<String, String> names = new LinkedHashMap<>();
        for (Object[] r : rows("SELECT code, display_name FROM catalog_product_type")) {
            names.put((String) r[0], (String) r[1]);
        }
        return names;
    }

    @SuppressWarnings("unchecked")
    private List<Object[]> rows(String sql) {
        return em.createNativeQuery(sql).getResultList();
    }

    private OffsetDateTime now() {
        return clock.instant().atOffset(ZoneOffset.UTC);
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
