package io.natsguard.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/**
 * natsguard serve's command line, read before Quarkus starts: help and bad usage end there, in this
 * JVM, with nothing started; good options become the natsguard.* settings.
 */
class ServeCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine commandLine = WebhookMain.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    @Test
    void helpListsEveryOptionAndExitsZero() {
        assertThat(run("serve", "--help")).isZero();
        assertThat(out.toString()).startsWith("Usage: natsguard serve ")
                .contains("--port=N", "--tls-cert=FILE", "--tls-key=FILE", "--policy=FILE", "--aot-train", "POST /validate");
        assertThat(err.toString()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"--port=abc", "--port=-1", "--port=65536", "--bogus", "--port", "--tls-cert"})
    void aBadOptionIsOneLineAndExitCodeTwo(String option) {
        assertThat(run("serve", option)).isEqualTo(2);
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString()).startsWith("natsguard serve: ").endsWith("(see natsguard serve --help)" + System.lineSeparator())
                .containsOnlyOnce(System.lineSeparator());
    }

    @Test
    void withoutServeTheApplicationSaysWhatItRuns() {
        assertThat(run()).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("natsguard: Missing required subcommand (see natsguard --help)" + System.lineSeparator());
    }

    @Test
    void theOptionsGivenBecomeTheirSettings() {
        ServeCommand serve = new ServeCommand();
        new CommandLine(serve).parseArgs("--port", "0", "--tls-cert=/tls/c.crt", "--tls-key", "/tls/c.key", "--policy", "p.conf");
        assertThat(serve.settings()).isEqualTo(Map.of("natsguard.port", "0", "natsguard.tls.cert", "/tls/c.crt",
                "natsguard.tls.key", "/tls/c.key", "natsguard.policy", "p.conf"));

        ServeCommand defaults = new ServeCommand();
        new CommandLine(defaults).parseArgs("--port", "8443");
        assertThat(defaults.settings()).as("what is not given is left to the configuration").containsOnlyKeys("natsguard.port");
    }

    @Test
    void aotTrainFailsInAJvmStartedWithoutAStartUpCache() {
        // this test JVM has no -XX:AOTCache or -XX:SharedArchiveFile: bin/natsguard made no cache for it
        assertThat(run("serve", "--aot-train")).isEqualTo(2);
        assertThat(err.toString()).startsWith("natsguard serve --aot-train: no start-up cache the JVM starts with was made");
    }
}
