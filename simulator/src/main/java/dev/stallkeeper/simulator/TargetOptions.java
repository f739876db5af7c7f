package dev.stallkeeper.simulator;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.net.URI;

/** {@code --url} and {@code --key}: the seller's production address and the key its callbacks are signed with. */
final class TargetOptions {

    @Option(names = "--url", required = true, description = "The seller's production address.")
    URI url;

    @Mixin
    CallbackKey key;
}
