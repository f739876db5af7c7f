package dev.stallkeeper.security.domain;

import dev.stallkeeper.platform.RefusedException;


/** A refused change to a user account; the message is meant for the person who asked for it. */
public class AccountException extends RefusedException {

    public AccountException(String message) {
        super("account.refused", false, message);
    }
}
