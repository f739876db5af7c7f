package dev.stallkeeper.tenancy.application;

import dev.stallkeeper.protocol.ResultCode;
import jakarta.ejb.ApplicationException;

/** A Kit call that cannot be applied: answered with its result code, nothing of it stored. */
@ApplicationException(rollback = true)
public class KitRequestException extends RuntimeException {

    private final transient ResultCode resultCode;

    public KitRequestException(ResultCode resultCode, String message) {
        super(message);
        this.resultCode = resultCode;
    }

    /** 000002 with the field's problem. */
    public static KitRequestException invalid(String message) {
        return new KitRequestException(ResultCode.INVALID_PARAM, message);
    }

    public ResultCode resultCode() {
        return resultCode;
    }
}
