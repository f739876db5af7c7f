package dev.stallkeeper.simulator;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code --key}: the key bound to the seller's basic interface, which signs every V2 callback (§2.2). A mixin of
 * {@link TargetOptions} and of {@code scenario}, whose {@code --url} is optional.
 */
final class CallbackKey {

    @Option(names = "--key", defaultValue = "${env:KOOGALLERY_KEY}",
            description = "Key bound to the basic interface (default: env KOOGALLERY_KEY).")
    String key;

    /** The key; a usage error of {@code command} when neither {@code --key} nor {@code KOOGALLERY_KEY} gave one. */
    String require(CommandSpec command) {
        if (key == null || key.isEmpty()) {
            throw new ParameterException(command.commandLine(), "--key (or KOOGALLERY_KEY) is required");
        }
        return key;
    }
}
