package dev.stallkeeper.platform.openapi;

import jakarta.ejb.ApplicationException;

/** Query Order could not be answered now (network, KooGallery error, unknown order). Retried by the caller. */
@ApplicationException(rollback = true)
public class QueryOrderException extends RuntimeException {
    private final String resultCode;

    public QueryOrderException(String message, String resultCode, Throwable cause) {
        super(message, cause);
        this.resultCode = resultCode;
    }

    /** KooGallery's MKT.* code when it answered one, else null. */
    public String resultCode() {
        return resultCode;
    }
}
