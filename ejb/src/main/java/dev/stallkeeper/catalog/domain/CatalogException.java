package dev.stallkeeper.catalog.domain;

import jakarta.ejb.ApplicationException;

/** A refused change to the catalog; the message is meant for the person who asked for it. */
@ApplicationException(rollback = true)
public class CatalogException extends RuntimeException {

    public CatalogException(String message) {
        super(message);
    }
}
