package io.natsguard.cli;

import io.quarkus.picocli.runtime.PicocliCommandLineFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import picocli.CommandLine;

/** The command line Quarkus runs, with natsguard's handling of failures. */
@ApplicationScoped
public class CommandLineFactory {

    @Produces
    CommandLine commandLine(PicocliCommandLineFactory factory) {
        return configure(factory.create());
    }

    /**
     * No stack trace ever reaches the user: a bug is one line on stderr and exit code 3. Enum options
     * (--fail-on, mesh's --format) take their values in any case.
     */
    static CommandLine configure(CommandLine commandLine) {
        return commandLine.setCaseInsensitiveEnumValuesAllowed(true).setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("natsguard: internal error: " + e);
            return ExitCodes.INTERNAL;
        });
    }
}
