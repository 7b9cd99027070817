package io.natsguard.cli;

import io.natsguard.conf.ConfParseException;
import io.natsguard.conf.ConfParser;
import io.natsguard.conf.ConfTreeJson;
import io.natsguard.conf.ConfValue;
import io.natsguard.conf.Environment;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code natsguard parse FILE}: the config as nats-server reads it, as JSON. */
@Command(name = "parse", mixinStandardHelpOptions = true,
        description = {"Parse a NATS server config file exactly as nats-server does and print its typed tree as JSON.",
            "Variables are resolved (environment included) and includes merged."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the file parses", "1:nats-server would refuse the file (one line on stderr: FILE:LINE:COL: error: MESSAGE)",
            "2:usage error, or the file cannot be read"})
public class ParseCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", description = "The NATS config file.")
    String file;

    @Option(names = "--positions", description = "Print every value with its type, line, column, file and use as a variable.")
    boolean positions;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        Path path = Path.of(file);
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            String why = !Files.exists(path) ? "no such file" : Files.isDirectory(path) ? "is a directory" : "cannot be read";
            err.println("natsguard parse: " + file + ": " + why);
            return ExitCodes.USAGE;
        }
        ConfValue root;
        try {
            root = new ConfParser(Environment.system()).parseFile(file);
        } catch (ConfParseException e) {
            err.println(e.toDiagnostic());
            return ExitCodes.FINDINGS;
        }
        OutputStream out = new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16);
        if (positions) {
            ConfTreeJson.writePositions(root, out);
        } else {
            ConfTreeJson.writeTree(root, out);
        }
        out.write('\n');
        out.flush();
        return ExitCodes.OK;
    }
}
