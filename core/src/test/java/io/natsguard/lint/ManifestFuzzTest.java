package io.natsguard.lint;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.natsguard.policy.Policy;
import io.natsguard.report.Finding;
import io.natsguard.report.ReportFormat;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * Fuzzing of the YAML source layer, the cluster model and the rules (Jazzer): whatever manifest
 * arrives on standard input (ConfigMaps, base64 Secrets, block scalars, workloads, chart values),
 * the run ends in findings with positions and every format writes them; never another exception.
 * {@code mvn test} replays the seeds under {@code ManifestFuzzTestInputs/}; fuzz it for real with
 * {@code JAZZER_FUZZ=1 mvn test -pl core -DskipFuzz -Dtest=ManifestFuzzTest}.
 */
class ManifestFuzzTest {

    private static final Linter LINTER = new Linter(Policy.defaults());

    @FuzzTest(maxDuration = "60s")
    void anyManifestGivesFindingsNeverACrash(byte[] input) throws InputException, IOException {
        var report = LINTER.lint(List.of("-"), new ByteArrayInputStream(input));
        for (Finding f : report.all()) {
            assertThat(f.position().line()).isPositive();
            assertThat(f.position().column()).isPositive();
            assertThat(f.message()).isNotBlank();
        }
        for (String format : List.of("text", "json", "sarif", "junit", "github")) {
            ReportFormat.named(format).write(report, OutputStream.nullOutputStream());
        }
    }
}
