package io.natsguard.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.natsguard.base.Position;
import io.natsguard.base.Related;
import io.natsguard.base.Severity;
import io.natsguard.edit.Fix;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each report format, byte for byte, on one report (errors, one with a related place, a warning, a
 * suppressed finding, a password in a route URL): the reviewed outputs under src/test/resources/report-golden. A change
 * of format shows as a failing diff here, to be reviewed and the file updated on purpose
 * ({@code -Dgolden.update=true} rewrites them).
 */
class FormatsGoldenTest {

    private static final Path GOLDEN = Path.of("src/test/resources/report-golden");

    private static final Report REPORT = Reports.of(List.of(
            new Finding("routes-incomplete", Severity.ERROR, new Position("k8s/nats.yaml", 20, 7),
                    "the route list does not match the 5 replicas of StatefulSet a/nats: no route names nats-3, nats-4",
                    List.of(new Related(new Position("k8s/nats.yaml", 40, 3), "the replicas of StatefulSet a/nats")), Fix.NONE, null),
            new Finding("routes-single-dns-name", Severity.ERROR, new Position("k8s/nats.yaml", 27, 9),
                    "route nats://u:secret@svc:6222 names Service a/svc: write one route per pod"),
            new Finding("timeout-out-of-range", Severity.WARNING, new Position("nats.conf", 3, 1),
                    "write_deadline is 10m, <above> the \"2m\" bound & more"),
            new Finding("cluster-tls-missing", Severity.ERROR, new Position("nats.conf", 1, 1), "no tls",
                    new Suppression(Suppression.Kind.IN_SOURCE, "private link"))),
            3, 2, 1, Map.of("nats.conf", "cluster {\n  port: 6222\n  write_deadline: 10m\n}\n",
                    "k8s/nats.yaml", "x\n".repeat(26) + "        nats://u:secret@svc:6222\n"));

    /** Nothing that counts: a note, a policy exemption, a baseline entry; one file. */
    private static final Report QUIET = Reports.of(List.of(
            new Finding("cluster-name-missing", Severity.INFO, new Position("nats.conf", 2, 3), "the cluster has no name"),
            new Finding("routes-missing", Severity.ERROR, new Position("nats.conf", 1, 1), "no routes",
                    new Suppression(Suppression.Kind.POLICY, "a single server")),
            new Finding("duration-unquoted", Severity.ERROR, new Position("nats.conf", 4, 3), "ping_interval = 2m",
                    new Suppression(Suppression.Kind.BASELINE, "baseline"))),
            1, 0, 1, Map.of());

    /** Nothing at all. */
    private static final Report CLEAN = Reports.of(List.of(), 1, 1, 1, Map.of());

    @ParameterizedTest
    @ValueSource(strings = {"text", "json", "junit", "github"})
    void theFormatIsTheReviewedOne(String format) throws Exception {
        matches(format, REPORT, format + ".txt");
        matches(format, QUIET, "quiet-" + format + ".txt");
        matches(format, CLEAN, "clean-" + format + ".txt");
    }

    @org.junit.jupiter.api.Test
    void aReportFailsAtOrAboveTheThresholdOnFindingsThatCount() {
        assertThat(REPORT.fails(Severity.ERROR)).isTrue();
        assertThat(REPORT.fails(Severity.WARNING)).isTrue();
        assertThat(REPORT.fails(null)).isFalse();
        assertThat(QUIET.fails(Severity.WARNING)).as("suppressed errors and a note").isFalse();
        assertThat(QUIET.fails(Severity.INFO)).isTrue();
        assertThat(CLEAN.fails(Severity.INFO)).isFalse();
    }

    private static void matches(String format, Report report, String file) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ReportFormat.named(format).write(report, out);
        String written = out.toString(StandardCharsets.UTF_8).replace(ToolVersion.get(), "VERSION");
        Path golden = GOLDEN.resolve(file);
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(golden, written);
        }
        assertThat(written).isEqualTo(Files.readString(golden)).doesNotContain("secret");
    }
}
