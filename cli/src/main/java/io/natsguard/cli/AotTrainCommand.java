package io.natsguard.cli;

import io.natsguard.conf.ConfParseException;
import io.natsguard.conf.ConfParser;
import io.natsguard.conf.ConfTreeJson;
import io.natsguard.conf.ConfValue;
import io.natsguard.conf.Environment;
import io.natsguard.lint.InputException;
import io.natsguard.lint.Linter;
import io.natsguard.policy.Policy;
import io.natsguard.report.Report;
import io.natsguard.report.ReportFormat;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * {@code natsguard aot-train}: runs natsguard's own workload (parse, lint, every report format) on
 * built-in samples, so that the launcher can record a start-up cache (AOT cache or AppCDS) from it.
 * Prints nothing; leaves nothing behind.
 */
@Command(name = "aot-train", hidden = true, description = "Exercise natsguard for a start-up cache (used by bin/natsguard).")
public class AotTrainCommand implements Callable<Integer> {

    @Override
    public Integer call() throws IOException, ConfParseException, InputException {
        byte[] conf = resource("cluster.conf");
        ConfParser parser = new ConfParser(Environment.of(Map.of()));
        for (int round = 0; round < 20; round++) {
            ConfValue root = parser.parse("training/cluster.conf", conf);
            ConfTreeJson.writePositions(root, OutputStream.nullOutputStream());
            ConfTreeJson.writeTree(root, OutputStream.nullOutputStream());
        }
        Path dir = Files.createTempDirectory("natsguard-train");
        try {
            Path conffile = Files.write(dir.resolve("nats.conf"), conf);
            Path yaml = Files.write(dir.resolve("manifests.yaml"), resource("manifests.yaml"));
            Linter linter = new Linter(Policy.defaults());
            for (int round = 0; round < 10; round++) {
                Report report = linter.lint(List.of(dir.toString(), conffile.toString(), yaml.toString()),
                        new ByteArrayInputStream(new byte[0]));
                for (String format : List.of("text", "json", "sarif")) {
                    ReportFormat.named(format).write(report, OutputStream.nullOutputStream());
                }
            }
            Files.delete(conffile);
            Files.delete(yaml);
        } finally {
            Files.deleteIfExists(dir);
        }
        return ExitCodes.OK;
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = AotTrainCommand.class.getResourceAsStream("/training/" + name)) {
            return in.readAllBytes();
        }
    }
}
