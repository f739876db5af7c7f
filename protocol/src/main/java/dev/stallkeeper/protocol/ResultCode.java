package dev.stallkeeper.protocol;

import java.util.Optional;

/**
 * The six-character {@code resultCode} values of the produce interface (spec §3) that Stallkeeper emits.
 * Any code other than {@link #SUCCESS} is a failure to KooGallery, except {@link #PROCESSING}, which on
 * create means "accepted, poll queryInstance".
 */
public enum ResultCode {
    SUCCESS("000000", "success."),
    AUTH_FAILED("000001", "token is invalid"),
    INVALID_PARAM("000002", "param is invalid"),
    INSTANCE_NOT_FOUND("000003", "instance is invalid"),
    PROCESSING("000004", "request is processing"),
    INTERNAL_ERROR("000005", "other inner error"),
    NO_RESOURCE("000100", "no available resource"),
    CREATE_FAILED("000104", "internal service error on create"),
    SOLD_OUT("000106", "sold out"),
    /** Kit {@code applicationSync}: the {@code clientSecret} cannot be decrypted (Huawei's sample uses this code). */
    APP_SECRET_INVALID("000101", "something wrong with appSecret");

    private final String code;
    private final String defaultMessage;

    ResultCode(String code, String defaultMessage) {
        this.code = code;
        this.defaultMessage = defaultMessage;
    }

    /** The wire value, always six digits. */
    public String code() {
        return code;
    }

    /** The {@code resultMsg} Huawei's sample sends with this code. */
    public String defaultMessage() {
        return defaultMessage;
    }

    /** True only for {@link #SUCCESS}. */
    public boolean isSuccess() {
        return this == SUCCESS;
    }

    /** The constant whose {@link #code()} equals {@code code} exactly; empty for null or unknown codes. */
    public static Optional<ResultCode> fromCode(String code) {
        if (code == null) {
            return Optional.empty();
        }
        for (ResultCode rc : values()) {
            if (rc.code.equals(code)) {
                return Optional.of(rc);
            }
        }
        return Optional.empty();
    }
}
