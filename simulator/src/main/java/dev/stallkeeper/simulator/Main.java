package dev.stallkeeper.simulator;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;

/**
 * {@code java -jar stallkeeper-simulator.jar <command>}: plays KooGallery against a seller.
 * Exit codes: 0 success, 1 failure (problems found, could not start), 2 usage error.
 */
@Command(name = "stallkeeper-simulator",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Plays Huawei Cloud KooGallery against a seller's production address and serves the "
                + "KooGallery open APIs the seller calls.",
        subcommands = {ServeCommand.class, CallCommand.class, ConformanceCommand.class, ScenarioCommand.class,
                LoadCommand.class, ChartCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Missing command: serve, call, conformance, scenario, load or chart");
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs one command line with the console as output; returns the exit code. */
    public static int execute(String... args) {
        return commandLine().execute(args);
    }

    /** Runs one command line printing to the given writers (for tests); returns the exit code. */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = commandLine();
        cli.setOut(out);
        cli.setErr(err);
        try {
            return cli.execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }

    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Main());
        cli.registerConverter(java.time.Duration.class, new DurationConverter());
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        return cli;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Main.class.getPackage().getImplementationVersion();
            return new String[] {"stallkeeper-simulator " + (version == null ? "(development build)" : version)};
        }
    }
}
