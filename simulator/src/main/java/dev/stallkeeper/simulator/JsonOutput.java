package dev.stallkeeper.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stallkeeper.protocol.Json;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where {@code --json[=FILE]} sends a report: {@value #STDOUT} for standard output, otherwise a file. */
final class JsonOutput {

    static final String STDOUT = "-";

    private JsonOutput() {
    }

    /** Writes pretty JSON; returns false (after telling {@code err}) when the file cannot be written. */
    static boolean write(String target, JsonNode json, PrintWriter out, PrintWriter err) {
        try {
            byte[] bytes = Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(json);
            if (STDOUT.equals(target)) {
                out.println(new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
                out.flush();
            } else {
                Path file = Path.of(target);
                Path parent = file.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                Files.write(file, bytes);
            }
            return true;
        } catch (IOException e) {
            err.println("Cannot write " + target + ": " + e.getMessage());
            return false;
        }
    }
}
