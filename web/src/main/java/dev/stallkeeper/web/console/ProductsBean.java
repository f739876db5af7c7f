package dev.stallkeeper.web.console;

import dev.stallkeeper.catalog.application.Catalog;
import dev.stallkeeper.catalog.domain.CatalogException;
import dev.stallkeeper.security.domain.Role;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The products page: product types, the products and SKUs known from orders, and the display names the seller
 * gives them. Everyone signed in sees it; admins and operators edit names (finance reads).
 */
@Named("products")
@RequestScoped
public class ProductsBean {

    @Inject
    Catalog catalog;

    @Inject
    FacesContext faces;

    @Inject
    Messages messages;

    private List<Catalog.ProductTypeView> types;
    private final Map<String, String> names = new HashMap<>();

    public List<Catalog.ProductTypeView> getTypes() {
        if (types == null) {
            types = catalog.overview();
            for (Catalog.ProductTypeView t : types) {
                names.putIfAbsent(typeKey(t.code()), t.displayName());
                for (Catalog.ProductView p : t.products()) {
                    names.putIfAbsent(productKey(p.productId()), p.displayName());
                    for (Catalog.SkuView s : p.skus()) {
                        names.putIfAbsent(skuKey(p.productId(), s.skuCode()), s.displayName());
                    }
                }
            }
        }
        return types;
    }

    public int getProductCount() {
        return getTypes().stream().mapToInt(t -> t.products().size()).sum();
    }

    public boolean isEditable() {
        return faces.getExternalContext().isUserInRole(Role.ADMIN.id())
                || faces.getExternalContext().isUserInRole(Role.OPERATOR.id());
    }

    /** The names being edited, keyed by {@link #typeKey}, {@link #productKey} and {@link #skuKey}. */
    public Map<String, String> getNames() {
        getTypes();
        return names;
    }

    public String typeKey(String code) {
        return "type:" + code;
    }

    public String productKey(String productId) {
        return "product:" + productId;
    }

    public String skuKey(String productId, String skuCode) {
        return "sku:" + productId + "\u0000" + skuCode;
    }

    public String saveType(String code) {
        return save(() -> catalog.renameProductType(code, names.get(typeKey(code)), currentUser()), code);
    }

    public String saveProduct(String productId) {
        return save(() -> catalog.renameProduct(productId, names.get(productKey(productId)), currentUser()), productId);
    }

    public String saveSku(String productId, String skuCode) {
        return save(() -> catalog.renameSku(productId, skuCode, names.get(skuKey(productId, skuCode)), currentUser()),
                productId + " / " + skuCode);
    }

    private String save(Runnable change, String what) {
        if (!isEditable()) {
            throw new SecurityException("admin or operator role required");
        }
        try {
            change.run();
        } catch (CatalogException e) {
            faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, e.getMessage(), null));
            return null;
        }
        faces.getExternalContext().getFlash().setKeepMessages(true);
        faces.addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, messages.get("products.saved", what), null));
        return "/admin/products?faces-redirect=true";
    }

    private String currentUser() {
        return faces.getExternalContext().getUserPrincipal().getName();
    }
}
