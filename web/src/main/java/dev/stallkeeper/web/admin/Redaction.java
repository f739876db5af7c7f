package dev.stallkeeper.web.admin;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/** Stored callback bodies as the console shows them: UTF-8 text with secret values masked. */
public final class Redaction {

    static final String MASK = "\u2022\u2022\u2022\u2022";
    private static final Pattern SECRET = Pattern.compile(
            "(\"(?:[A-Za-z]*[Pp]assword|[A-Za-z]*[Ss]ecret|accessToken|refreshToken|sk|[A-Za-z]*[Kk]ey)\"\\s*:\\s*)\"(?:[^\"\\\\]|\\\\.)*\"");

    private Redaction() {
    }

    public static String show(byte[] body) {
        if (body == null) {
            return "";
        }
        return mask(new String(body, StandardCharsets.UTF_8));
    }

    static String mask(String json) {
        return SECRET.matcher(json).replaceAll("$1\"" + MASK + "\"");
    }
}
