package dev.stallkeeper.simulator;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code --json[=FILE]} and {@code -v}: how {@code conformance} and {@code scenario} show their reports. */
final class OutputOptions {

    @Mixin
    JsonOutput json;

    @Option(names = {"-v", "--verbose"}, description = "Show every request and answer, not only failed ones.")
    boolean verbose;
}
