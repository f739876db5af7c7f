package dev.stallkeeper.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stallkeeper.protocol.Json;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code --json[=FILE]}: where a command's report goes as JSON, {@value #STDOUT} (a bare {@code --json}) for standard
 * output instead of the text, otherwise a file besides the text. A mixin of {@code load} and {@link OutputOptions}.
 */
final class JsonOutput {

    static final String STDOUT = "-";

    @Option(names = "--json", arity = "0..1", fallbackValue = STDOUT, paramLabel = "FILE",
            description = "Also write the report as JSON to FILE, or alone: JSON to standard output instead of the "
                    + "text.")
    String target;

    /** Whether {@code --json} was given at all. */
    boolean requested() {
        return target != null;
    }

    /** Whether the JSON replaces the text on standard output (a bare {@code --json}). */
    boolean only() {
        return STDOUT.equals(target);
    }

    /** The file {@code --json=FILE} names; {@code null} without one. */
    Path file() {
        return requested() && !only() ? Path.of(target) : null;
    }

    /** Writes pretty JSON where {@code --json} says; returns false (after telling {@code err}) when the file cannot be written. */
    boolean write(JsonNode json, PrintWriter out, PrintWriter err) {
        try {
            byte[] bytes = Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(json);
            if (STDOUT.equals(target)) {
                out.println(new String(bytes, StandardCharsets.UTF_8));
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
