package io.natsguard.cli;

import io.natsguard.conf.ConfParseException;
import io.natsguard.conf.ConfParser;
import io.natsguard.conf.ConfTreeJson;
import io.natsguard.conf.ConfValue;
import io.natsguard.conf.Environment;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * {@code natsguard aot-train}: runs natsguard's own workload on built-in samples, so that the
 * launcher can record a start-up cache (AOT cache or AppCDS) from it. Prints nothing.
 */
@Command(name = "aot-train", hidden = true, description = "Exercise natsguard for a start-up cache (used by bin/natsguard).")
public class AotTrainCommand implements Callable<Integer> {

    @Override
    public Integer call() throws IOException, ConfParseException {
        byte[] sample;
        try (InputStream in = AotTrainCommand.class.getResourceAsStream("/training/cluster.conf")) {
            sample = in.readAllBytes();
        }
        ConfParser parser = new ConfParser(Environment.of(java.util.Map.of()));
        for (int round = 0; round < 20; round++) {
            ConfValue root = parser.parse("training/cluster.conf", sample);
            ConfTreeJson.writePositions(root, OutputStream.nullOutputStream());
            ConfTreeJson.writeTree(root, OutputStream.nullOutputStream());
        }
        try {
            parser.parse("training/broken.conf", "a = [1, 2]\nb = 1".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (ConfParseException expected) {
            expected.toDiagnostic();
        }
        return ExitCodes.OK;
    }
}
