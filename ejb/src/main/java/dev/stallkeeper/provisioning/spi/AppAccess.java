package dev.stallkeeper.provisioning.spi;

import java.util.Objects;

/** How the buyer reaches the provisioned SaaS; shown in KooGallery's resource details (queryInstance). */
public record AppAccess(String frontEndUrl, String adminUrl, String userName, String password, String memo) {
    public AppAccess {
        Objects.requireNonNull(frontEndUrl, "frontEndUrl is mandatory for KooGallery");
        if (frontEndUrl.length() > 512 || (adminUrl != null && adminUrl.length() > 512)) {
            throw new IllegalArgumentException("URLs are limited to 512 characters by KooGallery");
        }
    }
}
