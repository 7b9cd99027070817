package io.natsguard.lint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.natsguard.policy.Policy;
import io.natsguard.report.Finding;
import io.natsguard.source.HelmChart;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A small chart of the project's own, rendered with real Helm (helm-java) and linted. */
class HelmChartTest {

    private static final Path CHART = Path.of("src/test/resources/charts/nats-mini");

    @TempDir
    Path tmp;

    private static List<Finding> lint(HelmChart chart) throws Exception {
        return new Linter(Policy.defaults()).lint(new Inputs.Request(List.of(), new ByteArrayInputStream(new byte[0]), chart, null))
                .findings();
    }

    @Test
    void theChartsDefaultValuesRenderASingleServiceRoute() throws Exception {
        HelmChart chart = new HelmChart(CHART, null, "nats", "msg");
        assertThat(lint(chart)).singleElement().satisfies(f -> {
            assertThat(f.ruleId()).isEqualTo("routes-single-dns-name");
            assertThat(f.position().file()).isEqualTo(CHART + " (helm template)");
            assertThat(f.message()).contains("names Service msg/nats-headless");
        });
    }

    @Test
    void perPodValuesRenderACleanCluster() throws Exception {
        assertThat(lint(new HelmChart(CHART, CHART.resolve("per-pod-values.yaml"), "nats", "msg"))).isEmpty();
    }

    @Test
    void aChartHelmRefusesIsAFindingAtChartYaml() throws Exception {
        Path chart = Files.createDirectories(tmp.resolve("broken/templates"));
        Files.writeString(tmp.resolve("broken/Chart.yaml"), "apiVersion: v2\nname: broken\nversion: 0.1.0\n");
        Files.writeString(chart.resolve("x.yaml"), "kind: {{ .Values.nope.deeper }}\n");
        assertThat(lint(new HelmChart(tmp.resolve("broken"), null, "r", "ns"))).singleElement().satisfies(f -> {
            assertThat(f.ruleId()).isEqualTo("manifest-parse-error");
            assertThat(f.position().file()).endsWith("broken/Chart.yaml");
            assertThat(f.message()).startsWith("helm template fails");
        });
    }

    @Test
    void aFolderWithoutChartYamlIsUnusable() {
        assertThatThrownBy(() -> lint(new HelmChart(tmp, null, "r", "ns"))).isInstanceOf(InputException.class)
                .hasMessageContaining("not a Helm chart");
    }

    @Test
    void anUmbrellaChartsValuesReachTheNatsSubchartUnderItsAlias() throws Exception {
        List<Finding> findings = new Linter(Policy.defaults()).lint(List.of("src/test/resources/charts/umbrella"),
                new ByteArrayInputStream(new byte[0])).findings();
        assertThat(findings).filteredOn(f -> f.ruleId().equals("routes-single-dns-name")).singleElement()
                .satisfies(f -> assertThat(f.position()).hasToString("src/test/resources/charts/umbrella/values.yaml:8:11"));
    }

    @Test
    void aValuesFileOfTheOfficialChartIsModelled() throws Exception {
        Path values = Files.writeString(tmp.resolve("values.yaml"), "config:\n  cluster:\n    enabled: true\n    replicas: 5\n"
                + "    merge:\n      routes: [ \"nats://nats-0.nats-headless:6222\" ]\n");
        List<Finding> findings = new Linter(Policy.defaults()).lint(new Inputs.Request(List.of(), new ByteArrayInputStream(new byte[0]),
                null, new Inputs.OfficialValues(values, "nats", "msg"))).findings();
        assertThat(findings).filteredOn(f -> f.ruleId().equals("routes-incomplete")).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("no route names nats-1, nats-2, nats-3, nats-4"));
    }

    @Test
    void chartTemplatesAreNotReadAsManifests() throws Exception {
        assertThat(new Linter(Policy.defaults()).lint(List.of("src/test/resources/charts"), new ByteArrayInputStream(new byte[0]))
                .findings()).noneMatch(f -> f.ruleId().equals("manifest-parse-error"));
    }
}
