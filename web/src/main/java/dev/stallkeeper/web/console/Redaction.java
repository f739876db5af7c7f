package dev.stallkeeper.web.console;

import dev.stallkeeper.platform.SecretFields;
import java.nio.charset.StandardCharsets;

/** Stored callback bodies as the console shows them: UTF-8 text with secret values masked ({@link SecretFields}). */
public final class Redaction {

    static final String MASK = SecretFields.MASK;

    private Redaction() {
    }

    public static String show(byte[] body) {
        if (body == null) {
            return "";
        }
        return mask(new String(body, StandardCharsets.UTF_8));
    }

    static String mask(String json) {
        return SecretFields.mask(json);
    }
}
