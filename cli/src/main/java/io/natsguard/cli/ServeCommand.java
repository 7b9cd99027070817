package io.natsguard.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * {@code natsguard serve} in the list of commands. The admission webhook is an application of its own
 * (its HTTP server would slow every start of this one): bin/natsguard starts it for {@code serve},
 * and this application never serves.
 */
@Command(name = "serve", description = "Run the admission webhook over HTTPS: the webhook application, "
        + "which bin/natsguard starts (see natsguard serve --help).")
public class ServeCommand implements Callable<Integer> {

    /** serve's options, which are the webhook application's to read. */
    @Unmatched
    List<String> options;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("natsguard serve: the webhook is an application of its own; "
                + "bin/natsguard serve starts it (this is the command-line application)");
        return ExitCodes.USAGE;
    }
}
