package dev.stallkeeper.tenancy.application;

import jakarta.ejb.ApplicationException;

/** A sign-in that cannot go on: the web layer shows the reason's page; nothing about the user is kept. */
@ApplicationException(rollback = false)
public class SsoException extends RuntimeException {

    /** Why, as the error page tells it. */
    public enum Reason {
        /** No tenant, or a tenant KooGallery never synchronised or deleted. */
        UNKNOWN_TENANT,
        /** The tenant has no usable OAuth client (applicationSync missing, or several and no KOOGALLERY_APP_ID). */
        NO_APPLICATION,
        /** A state we did not issue, issued for another tenant or browser, expired, or already used. */
        FORGED_STATE,
        /** The authorization code was presented before (here, or the identity service says so). */
        REPLAYED_CODE,
        /** The user is not (or no longer) authorised to use the app in this tenant. */
        NOT_AUTHORISED,
        /** The identity service failed, answered nonsense, or is not HTTPS. */
        IDENTITY_SERVICE,
        /** A request without the parameters the flow needs. */
        BAD_REQUEST,
        /** Too many sign-ins started, or codes presented, from one client address in a few minutes. */
        TOO_MANY
    }

    private final Reason reason;

    public SsoException(Reason reason, String detail) {
        super(detail);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
