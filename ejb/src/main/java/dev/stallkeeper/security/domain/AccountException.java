package dev.stallkeeper.security.domain;

import jakarta.ejb.ApplicationException;

/** A refused change to a user account; the message is meant for the person who asked for it. */
@ApplicationException(rollback = true)
public class AccountException extends RuntimeException {

    public AccountException(String message) {
        super(message);
    }
}
