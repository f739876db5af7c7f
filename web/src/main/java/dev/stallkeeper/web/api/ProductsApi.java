package dev.stallkeeper.web.api;

import dev.stallkeeper.catalog.application.Catalog;
import dev.stallkeeper.catalog.domain.CatalogException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.time.Instant;
import java.util.List;

/**
 * The catalog in the admin API: {@code GET /api/admin/products} lists product types with their products and SKUs;
 * {@code PUT} with {@code {"displayName": "..."}} names a product type, product or SKU (admin, operator; a blank
 * or null name goes back to KooGallery's name). Unknown entries are 404, refused names 400.
 */
@Path("/admin")
@Produces(MediaType.APPLICATION_JSON)
public class ProductsApi {

    @Inject
    Catalog catalog;

    @Context
    SecurityContext security;

    public record Name(String displayName) {
    }

    public record SkuJson(String skuCode, String displayName, String shown, String firstSeenAt) {
        static SkuJson of(Catalog.SkuView s) {
            return new SkuJson(s.skuCode(), s.displayName(), s.shown(), text(s.firstSeenAt()));
        }
    }

    public record ProductJson(String productId, String kooGalleryName, String displayName, String shown,
                              String productType, String firstSeenAt, String updatedAt, String updatedBy,
                              List<SkuJson> skus) {
        static ProductJson of(Catalog.ProductView p) {
            return new ProductJson(p.productId(), p.kooGalleryName(), p.displayName(), p.shown(), p.productType(),
                    text(p.firstSeenAt()), text(p.updatedAt()), p.updatedBy(),
                    p.skus().stream().map(SkuJson::of).toList());
        }
    }

    public record ProductTypeJson(String code, String displayName, String shown, String feePercent,
                                  boolean supervised, List<ProductJson> products) {
        static ProductTypeJson of(Catalog.ProductTypeView t) {
            return new ProductTypeJson(t.code(), t.displayName(), t.shown(), t.feePercent().toPlainString(),
                    t.supervised(), t.products().stream().map(ProductJson::of).toList());
        }
    }

    @GET
    @Path("products")
    @RolesAllowed({"admin", "finance", "operator"})
    public List<ProductTypeJson> products() {
        return catalog.overview().stream().map(ProductTypeJson::of).toList();
    }

    @PUT
    @Path("product-types/{code}")
    @RolesAllowed({"admin", "operator"})
    @Consumes(MediaType.APPLICATION_JSON)
    public ProductTypeJson nameType(@PathParam("code") String code, Name name) {
        return ProductTypeJson.of(catalog.renameProductType(code, name(name), caller()));
    }

    @PUT
    @Path("products/{productId}")
    @RolesAllowed({"admin", "operator"})
    @Consumes(MediaType.APPLICATION_JSON)
    public ProductJson nameProduct(@PathParam("productId") String productId, Name name) {
        return ProductJson.of(catalog.renameProduct(productId, name(name), caller()));
    }

    @PUT
    @Path("products/{productId}/skus/{skuCode}")
    @RolesAllowed({"admin", "operator"})
    @Consumes(MediaType.APPLICATION_JSON)
    public SkuJson nameSku(@PathParam("productId") String productId, @PathParam("skuCode") String skuCode, Name name) {
        return SkuJson.of(catalog.renameSku(productId, skuCode, name(name), caller()));
    }

    private static String name(Name name) {
        if (name == null) {
            throw new CatalogException("body must be a JSON object with displayName");
        }
        return name.displayName();
    }

    private String caller() {
        return security.getUserPrincipal().getName();
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    /** Refused names are 400, unknown products, SKUs and product types 404, both as JSON {"error": "..."}. */
}
