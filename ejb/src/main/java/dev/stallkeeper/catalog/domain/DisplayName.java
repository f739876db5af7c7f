package dev.stallkeeper.catalog.domain;

/**
 * The rules for a display name the seller gives a product, SKU or product type: at most {@value #MAX_LENGTH}
 * characters after trimming, no control characters (a name is shown on one line), and blank means "no name of
 * my own" (the console then shows KooGallery's name or the id).
 */
public final class DisplayName {

    public static final int MAX_LENGTH = 100;

    private DisplayName() {
    }

    /** The name to store: trimmed, or null for blank; refuses names that are too long or hold control characters. */
    public static String normalize(String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        String stripped = name.strip();
        if (stripped.codePointCount(0, stripped.length()) > MAX_LENGTH) {
            throw new CatalogException("a display name has at most " + MAX_LENGTH + " characters");
        }
        if (stripped.codePoints().anyMatch(Character::isISOControl)) {
            throw new CatalogException("a display name is one line of text, without control characters");
        }
        return stripped;
    }

    /** What to show: the seller's name, else KooGallery's, else the id. */
    public static String shown(String displayName, String kooGalleryName, String id) {
        if (displayName != null) {
            return displayName;
        }
        return kooGalleryName != null && !kooGalleryName.isBlank() ? kooGalleryName : id;
    }
}
