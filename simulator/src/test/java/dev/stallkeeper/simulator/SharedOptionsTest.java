package dev.stallkeeper.simulator;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

/** The options the commands share through their mixins ({@link TargetOptions}, {@link OutputOptions}, {@link ApigKeys}). */
class SharedOptionsTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @ParameterizedTest
    @ValueSource(strings = {"call queryInstance", "conformance", "scenario all --no-register", "load --rate 1"})
    void everyCommandThatSignsCallbacksNeedsTheKey(String command) {
        int exit = run(command + " --url http://127.0.0.1:9/ --key=");

        assertThat(exit).as(err.toString()).isEqualTo(2);
        assertThat(err.toString()).contains("--key (or KOOGALLERY_KEY) is required");
    }

    @ParameterizedTest
    @ValueSource(strings = {"call", "conformance", "load"})
    void theUrlIsRequiredWhereTheCommandAlwaysCallsTheSeller(String command) {
        assertThat(run(command + " --help")).isZero();
        assertThat(out.toString()).contains(" --url=<url>").doesNotContain("[--url=<url>]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"conformance", "scenario", "load"})
    void theReportCommandsShareTheJsonOption(String command) {
        assertThat(run(command + " --help")).isZero();
        assertThat(out.toString()).contains("--json[=FILE]         Also write the report as JSON to FILE");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "serve --port 0 | ''",
            "conformance --url http://127.0.0.1:9/ --key k --openapi-port 0 | ' with --openapi-port'",
            "scenario all --url http://127.0.0.1:9/ --key k --serve http://127.0.0.1:9/ | ' with --serve'"})
    void theOpenApiServerNeedsBothApigKeys(String command, String context) {
        int exit = run(command + " --ak= --sk=");

        assertThat(exit).as(err.toString()).isEqualTo(2);
        assertThat(err.toString()).contains("--ak and --sk (or KOOGALLERY_AK/KOOGALLERY_SK) are required" + context
                + System.lineSeparator());
    }

    private int run(String commandLine) {
        String[] args = commandLine.split(" ");
        return Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }
}
