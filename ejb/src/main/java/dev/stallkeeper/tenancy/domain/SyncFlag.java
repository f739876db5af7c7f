package dev.stallkeeper.tenancy.domain;

/** The {@code flag} of a Kit sync (spec §6.2): what to do with the entity named in the call. */
public enum SyncFlag {
    DELETE, ADD, MODIFY, CANCEL_AUTHORISATION;

    /** The wire value: 0 delete, 1 add, 2 modify, 3 cancel authorisation (authSync only). */
    public static SyncFlag of(int wire) {
        return switch (wire) {
            case 0 -> DELETE;
            case 1 -> ADD;
            case 2 -> MODIFY;
            case 3 -> CANCEL_AUTHORISATION;
            default -> throw new IllegalArgumentException("flag must be 0, 1, 2 or 3");
        };
    }
}
