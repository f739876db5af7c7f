package dev.stallkeeper.simulator;

import picocli.CommandLine.Option;

/**
 * {@code --ak} and {@code --sk}: the APIG AK/SK (§7.4) the open API simulator's callers sign with, the seller's Query
 * Order calls and the admin API alike. A mixin of {@code serve} and {@link QueryOrderOptions}.
 */
final class ApigKeys {

    @Option(names = "--ak", defaultValue = "${env:KOOGALLERY_AK}",
            description = "Access key id callers must sign with (default: env KOOGALLERY_AK).")
    String ak;

    @Option(names = "--sk", defaultValue = "${env:KOOGALLERY_SK}",
            description = "Secret access key (default: env KOOGALLERY_SK; prefer it to keep the secret out of ps).")
    String sk;

    /** Whether both were given (on the command line or in the environment). */
    boolean present() {
        return ak != null && !ak.isBlank() && sk != null && !sk.isBlank();
    }

    /** What to say when they are missing; {@code context} (e.g. {@code " with --serve"}) is appended. */
    static String missing(String context) {
        return "--ak and --sk (or KOOGALLERY_AK/KOOGALLERY_SK) are required" + context;
    }
}
