package dev.stallkeeper.platform;

import java.util.Objects;

/**
 * A file someone attached (an acceptance report, an appeal's evidence, an invoice PDF): its name, content type and
 * bytes, kept in the database with the record it belongs to.
 */
public record Attachment(String name, String contentType, byte[] bytes) {

    /** Largest attachment accepted (10 MiB): reports and invoices are documents, not archives. */
    public static final int MAX_BYTES = 10 * 1024 * 1024;

    public Attachment {
        if (name == null || name.isBlank()) {
            throw new RefusedException("attachment.nameMissing", false, "the attachment needs a file name");
        }
        name = name.strip();
        if (name.length() > 255) {
            throw new RefusedException("attachment.nameTooLong", false, "the attachment's file name is longer than 255 characters");
        }
        contentType = contentType == null || contentType.isBlank() ? "application/octet-stream" : contentType.strip();
        Objects.requireNonNull(bytes, "bytes");
        if (bytes.length == 0) {
            throw new RefusedException("attachment.empty", false, "the attachment " + name + " is empty");
        }
        if (bytes.length > MAX_BYTES) {
            throw new RefusedException("attachment.tooLarge", false, "the attachment " + name + " is larger than 10 MiB");
        }
    }
}
