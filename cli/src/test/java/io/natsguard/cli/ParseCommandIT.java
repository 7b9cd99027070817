package io.natsguard.cli;

import static io.natsguard.testing.JsonAssert.assertSameValue;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.natsguard.testing.Corpus;
import io.natsguard.testing.NatsguardProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code bin/natsguard parse} and {@code parse --positions} over the whole nats-conf corpus, run
 * as a user runs them: from the corpus folder, with each file's environment.
 */
class ParseCommandIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path DIR = Corpus.root().resolve("nats-conf").toAbsolutePath().normalize();

    static Stream<Arguments> rows() {
        return Corpus.tsv(DIR.resolve("EXPECTED.tsv")).stream().map(row -> Arguments.of(Named.of(row.get("path"), row)));
    }

    @ParameterizedTest
    @MethodSource("rows")
    void parseAgreesWithTheServer(Map<String, String> row) throws Exception {
        NatsguardProcess.Result result = run(row, "parse", row.get("path"));
        if (Corpus.ACCEPTED_SINCE_V2_14_5.containsKey("nats-conf/" + row.get("path"))) {
            assertThat(result.exitCode()).as(result.stderr()).isZero(); // no tree of v2.14.10 in the corpus
            return;
        }
        if ("ok".equals(row.get("parse"))) {
            assertThat(result.exitCode()).as(result.stderr()).isZero();
            assertThat(result.stderr()).isEmpty();
            assertSameValue(JSON.readTree(Files.readString(DIR.resolve(row.get("path") + ".json"))),
                    JSON.readTree(result.stdout()));
            NatsguardProcess.Result positions = run(row, "parse", "--positions", row.get("path"));
            assertThat(positions.exitCode()).as(positions.stderr()).isZero();
            assertSameValue(JSON.readTree(Files.readString(DIR.resolve(row.get("path") + ".pos.json"))),
                    JSON.readTree(positions.stdout()));
            return;
        }
        assertThat(result.exitCode()).as(result.stderr()).isEqualTo(1);
        assertThat(result.stdout()).isEmpty();
        assertThat(result.stderr().lines()).hasSize(1);
        String line = result.stderr().strip();
        assertThat(line).matches("[^:]+:\\d+:\\d+: error: .+");
        String expected = row.get("parse_error");
        if (expected.startsWith("FATAL (Go runtime)")) {
            assertThat(line).contains("include cycle: "); // the server dies of a stack overflow
        } else {
            assertThat(line).contains(expected.replace("\0", "\\0"));
        }
    }

    @Test
    void aVariableGraphOfSevenHundredBytesStopsAtTheValuesBound(@TempDir Path dir) throws Exception {
        // vN: {a: $vN-1, b: $vN-1} stands for 2^N values: this one wrote 3.6 GB before the bound.
        StringBuilder conf = new StringBuilder("v0: 1\n");
        for (int level = 1; level <= 32; level++) {
            conf.append("v").append(level).append(": {a: $v").append(level - 1).append(", b: $v").append(level - 1).append("}\n");
        }
        Files.writeString(dir.resolve("graph.conf"), conf);
        NatsguardProcess.Result result = NatsguardProcess.run(dir, Map.of(), "parse", "graph.conf");
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.stdout()).isEmpty();
        assertThat(result.stderr().strip()).isEqualTo("graph.conf:21:19: error: the config stands for more than 32 MiB with "
                + "its variable references expanded (natsguard's bound limits.max-expanded-size)");
    }

    @Test
    void aMissingFileIsAUsageError() throws Exception {
        NatsguardProcess.Result result = NatsguardProcess.run(DIR, Map.of(), "parse", "no/such.conf");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stdout()).isEmpty();
        assertThat(result.stderr().strip()).isEqualTo("natsguard parse: no/such.conf: no such file");
    }

    @Test
    void aDirectoryIsAUsageError() throws Exception {
        NatsguardProcess.Result result = NatsguardProcess.run(DIR, Map.of(), "parse", "edge");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stderr().strip()).isEqualTo("natsguard parse: edge: is a directory");
    }

    @Test
    void badUsageIsExitTwoWithoutAStackTrace() throws Exception {
        NatsguardProcess.Result noFile = NatsguardProcess.run(DIR, Map.of(), "parse");
        assertThat(noFile.exitCode()).isEqualTo(2);
        assertThat(noFile.stderr()).contains("Missing required parameter: 'FILE'").doesNotContain("\tat ");
        NatsguardProcess.Result badOption = NatsguardProcess.run(DIR, Map.of(), "parse", "--nope", "edge/floats.conf");
        assertThat(badOption.exitCode()).isEqualTo(2);
        assertThat(badOption.stderr()).contains("Unknown option: '--nope'").doesNotContain("\tat ");
    }

    private static NatsguardProcess.Result run(Map<String, String> row, String... args) throws Exception {
        Map<String, String> env = row.get("env").isBlank() ? Map.of()
                : JSON.readValue(row.get("env"), JSON.getTypeFactory().constructMapType(Map.class, String.class, String.class));
        return NatsguardProcess.run(DIR, env, args);
    }
}
