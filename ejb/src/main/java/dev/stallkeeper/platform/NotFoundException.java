package dev.stallkeeper.platform;

import jakarta.ejb.ApplicationException;

/**
 * The family of "the thing asked for does not exist" (a user, an invoice, a supervision, a catalog entry, an
 * e-mail): the admin API answers 404 with one JSON shape. Subclasses may name the thing more precisely.
 */
@ApplicationException(rollback = true, inherited = true)
public class NotFoundException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public NotFoundException(String message) {
        super(message);
    }
}
