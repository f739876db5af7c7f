package dev.stallkeeper.web.api;

import dev.stallkeeper.platform.Attachment;
import dev.stallkeeper.platform.RefusedException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Locale;

/** Turns the admin API's JSON values (strings) into domain values, refusing bad ones with a 400 and a clear reason. */
final class WorkflowInput {

    private WorkflowInput() {
    }

    /** A file in a JSON body: its bytes in base64. */
    public record File(String name, String contentType, String base64) {
        Attachment attachment() {
            if (base64 == null || base64.isBlank()) {
                throw bad("attachment.empty", "the attachment " + name + " has no content (base64)");
            }
            try {
                return new Attachment(name, contentType, Base64.getMimeDecoder().decode(base64));
            } catch (IllegalArgumentException e) {
                throw bad("attachment.badBase64", "the attachment " + name + " is not valid base64");
            }
        }
    }

    static Attachment attachment(File file) {
        return file == null ? null : file.attachment();
    }

    /** An enum constant by name, case-insensitive, dashes for underscores ({@code confirm-requirement}). */
    static <E extends Enum<E>> E enumValue(Class<E> type, String value, String field) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw bad("request.badValue", field + " '" + value + "' is not one of " + java.util.Arrays.toString(type.getEnumConstants()));
        }
    }

    /** ISO-8601 with an offset, e.g. {@code 2026-11-01T10:00:00+08:00}. */
    static Instant instant(String value, String field) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.strip()).toInstant();
        } catch (DateTimeParseException e) {
            throw bad("request.badTime", field + " '" + value + "' is not an ISO-8601 time with an offset (2026-11-01T10:00:00+08:00)");
        }
    }

    static LocalDate date(String value, String field) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw bad("request.badDate", field + " '" + value + "' is not a date (yyyy-MM-dd)");
        }
    }

    static RefusedException bad(String key, String message) {
        return new RefusedException(key, false, message);
    }

    static <T> T body(T body) {
        if (body == null) {
            throw bad("request.bodyMissing", "the request needs a JSON object body");
        }
        return body;
    }
}
