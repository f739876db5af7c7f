package dev.stallkeeper.catalog.domain;

import dev.stallkeeper.platform.RefusedException;


/** A refused change to the catalog; the message is meant for the person who asked for it. */
public class CatalogException extends RefusedException {

    public CatalogException(String message) {
        super("catalog.refused", false, message);
    }
}
