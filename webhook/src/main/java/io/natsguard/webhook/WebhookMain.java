package io.natsguard.webhook;

import io.quarkus.runtime.annotations.QuarkusMain;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The webhook application's entry point: bin/natsguard hands it {@code serve} and its options. They
 * are read here, before Quarkus starts, so that {@code --help} or a bad option never starts the HTTP
 * server; {@link ServeCommand} then starts it.
 */
@QuarkusMain
@Command(name = "natsguard", subcommands = ServeCommand.class,
        description = "The webhook application of natsguard: its one command is serve.")
public final class WebhookMain {

    public static void main(String... args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line, with bad usage reported in one line and exit code 2, never a usage page. */
    static CommandLine commandLine() {
        return new CommandLine(new WebhookMain()).setParameterExceptionHandler((e, args) -> {
            String command = e.getCommandLine().getCommandSpec().qualifiedName();
            e.getCommandLine().getErr().println(command + ": " + e.getMessage() + " (see " + command + " --help)");
            return ServeCommand.USAGE;
        });
    }
}
