package io.natsguard.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The packaged webhook (target/quarkus-app), started on loopback with the test certificate unless told otherwise. */
final class PackagedWebhook {

    /** How a start that must fail ended: its exit code and every line it wrote. */
    record Exit(int code, List<String> output) {
    }

    private PackagedWebhook() {
    }

    /** Starts serve with these system properties (after the defaults, so they win) and waits up to 2 minutes for it to exit. */
    static Exit runToExit(Path tmp, String... properties) throws Exception {
        Path output = tmp.resolve("serve.log");
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(), "-Dnatsguard.port=0",
                "-Dquarkus.http.host=127.0.0.1", "-Dnatsguard.tls.cert=" + RotatingCertificates.RESOURCES.resolve("tls.crt").toAbsolutePath(),
                "-Dnatsguard.tls.key=" + RotatingCertificates.RESOURCES.resolve("tls.key").toAbsolutePath()));
        for (String property : properties) {
            command.add("-D" + property);
        }
        command.addAll(List.of("-jar", Path.of("target/quarkus-app/quarkus-run.jar").toString(), "serve"));
        Process serve = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        try {
            assertThat(serve.waitFor(2, TimeUnit.MINUTES)).as("natsguard serve exited").isTrue();
        } finally {
            serve.destroyForcibly().waitFor();
        }
        return new Exit(serve.exitValue(), Files.readAllLines(output));
    }
}
