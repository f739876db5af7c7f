package dev.stallkeeper.catalog.domain;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A KooGallery product type (the category the 1000-yuan threshold applies to), as an upper-case code:
 * {@code SAAS}, {@code LICENSE}, {@code IMAGE}, {@code MANUAL_SERVICE}, {@code HARDWARE}, {@code API},
 * {@code CONTAINER}, {@code AI_ASSET}, {@code DATA_FILE}, {@code APP_ORCHESTRATION}, {@code AGENT}, or any other
 * code of letters, digits and underscores (KooGallery adds types; the threshold works the same for all).
 */
public final class ProductType {

    public static final String SAAS = "SAAS";
    private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_]{0,31}");

    private ProductType() {
    }

    /** Normalises a type as people write it ("SaaS", "manual service", "Manual-Service") to its code. */
    public static String normalize(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("a product type is required");
        }
        String code = text.trim().toUpperCase(Locale.ROOT).replaceAll("[\\s-]+", "_");
        if (!CODE.matcher(code).matches()) {
            throw new IllegalArgumentException("a product type is a code of letters, digits and '_' (at most 32), not '"
                    + text + "'");
        }
        return code;
    }
}
