package dev.stallkeeper.supervision.domain;

import dev.stallkeeper.platform.RefusedException;

/** A refused supervision step: an illegal transition (conflict) or missing/invalid input. */
@jakarta.ejb.ApplicationException(rollback = true)
public class SupervisionException extends RefusedException {
    public SupervisionException(String key, boolean conflict, String message) {
        super(key, conflict, message);
    }
}
