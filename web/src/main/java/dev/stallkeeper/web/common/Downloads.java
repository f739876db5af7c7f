package dev.stallkeeper.web.common;

import jakarta.ws.rs.core.Response;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Stored files as downloads: always an attachment (never rendered inline), name RFC 5987-encoded, no sniffing. */
public final class Downloads {

    private Downloads() {
    }

    public static String disposition(String name) {
        String ascii = name.replaceAll("[^A-Za-z0-9._-]", "_");
        return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''"
                + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    }

    public static Response file(String name, String contentType, byte[] bytes) {
        return Response.ok(bytes, contentType == null ? "application/octet-stream" : contentType)
                .header("Content-Disposition", disposition(name))
                .header("X-Content-Type-Options", "nosniff")
                .build();
    }
}
