package dev.stallkeeper.simulator;

import picocli.CommandLine;

import java.time.Duration;

/** Reads {@code 30s}, {@code 500ms}, {@code 2m}, {@code 1h}, {@code 1m30s}, a bare number of seconds or ISO {@code PT30S}. */
final class DurationConverter implements CommandLine.ITypeConverter<Duration> {

    @Override
    public Duration convert(String value) {
        try {
            return Durations.parse(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
