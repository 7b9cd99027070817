package io.natsguard.lint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.natsguard.policy.Policy;
import io.natsguard.report.Finding;
import io.natsguard.report.Report;
import io.natsguard.source.HelmChart;
import io.natsguard.source.InputProblem;
import io.natsguard.testing.Git;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A small chart of the project's own, rendered with real Helm (helm-java) and linted. */
class HelmChartTest {

    private static final Path CHART = Path.of("src/test/resources/charts/nats-mini");
    /** What limit-exceeded adds to each message. */
    private static final String NOT_CHECKED = ": not checked further.";

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

    private static Report lintPaths(String... paths) throws Exception {
        return new Linter(Policy.defaults()).lint(List.of(paths), new ByteArrayInputStream(new byte[0]));
    }

    @Test
    void aTemplateNamedAloneIsLintedThroughItsChartsRender() throws Exception {
        // what the pre-commit hook passes: one template of the chart, never parsed as YAML itself
        for (String named : List.of(CHART.resolve("templates/nats.yaml").toString(), CHART.toString())) {
            assertThat(lintPaths(named).findings()).as(named).singleElement().satisfies(f -> {
                assertThat(f.ruleId()).isEqualTo("routes-single-dns-name");
                assertThat(f.position().file()).isEqualTo(CHART + " (helm template)");
            });
        }
    }

    @Test
    void aChartHelmCannotRenderInAScanIsCountedNeverAParseError() throws Exception {
        Path chart = Files.createDirectories(tmp.resolve("app/templates"));
        Files.writeString(tmp.resolve("app/Chart.yaml"), "apiVersion: v2\nname: app\nversion: 0.1.0\ndependencies:\n"
                + "- name: common\n  version: 2.x.x\n  repository: oci://registry.example.com/charts\n");
        Files.writeString(chart.resolve("svc.yaml"), "{{- /* needs the common chart */}}\nkind: {{ include \"common.names.fullname\" . }}\n");
        for (String named : List.of(chart.resolve("svc.yaml").toString(), tmp.toString())) {
            Report report = lintPaths(named);
            assertThat(report.findings()).as(named).isEmpty();
            assertThat(report.skipped(InputProblem.Kind.NOT_RENDERED)).singleElement().satisfies(skip -> {
                assertThat(skip.position().file()).isEqualTo(tmp.resolve("app").toString());
                assertThat(skip.message()).startsWith("helm template fails").contains("missing in charts/ directory: common");
            });
        }
    }

    @Test
    void aChartsFilesAreNeverReadAsConfigs() throws Exception {
        Path files = Files.createDirectories(tmp.resolve("nats/files"));
        Files.writeString(tmp.resolve("nats/Chart.yaml"), "apiVersion: v2\nname: nats\nversion: 0.1.0\n");
        Files.writeString(files.resolve("nats.conf"), "port: {{ .Values.port }}\ncluster { routes = [ {{ .Values.routes }} ] }\n");
        for (String named : List.of(files.resolve("nats.conf").toString(), tmp.toString())) {
            Report report = lintPaths(named);
            assertThat(report.findings()).as(named).isEmpty();
            assertThat(report.clusters()).isZero();
        }
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
        assertThat(findings).filteredOn(f -> f.ruleId().equals("routes-incomplete")).singleElement().satisfies(f -> {
            assertThat(f.message()).contains("no route names nats-1, nats-2, nats-3, nats-4")
                    .endsWith(" With the NATS chart: set config.cluster.replicas (its default is 3) instead of changing the "
                            + "StatefulSet's replicas through statefulSet.merge or patch, and drop hand-written routes.");
            assertThat(f.related()).extracting(r -> r.position().toString()).containsExactly(values + ":4:5");
            assertThat(f.fix().edits()).singleElement().satisfies(edit -> {
                assertThat(edit.file()).isEqualTo(values.toString());
                assertThat(edit.replacement()).as("the override removed: the chart writes one route per pod").isEmpty();
                assertThat(edit.why()).isEqualTo("config.cluster.merge.routes removed: the chart writes one route per pod");
            });
        });
    }

    @Test
    void chartTemplatesAreNotReadAsManifests() throws Exception {
        assertThat(new Linter(Policy.defaults()).lint(List.of("src/test/resources/charts"), new ByteArrayInputStream(new byte[0]))
                .findings()).noneMatch(f -> f.ruleId().equals("manifest-parse-error"));
    }

    /** A chart in a git work tree ({@code tmp/repository/chart}) whose ConfigMap prints the file files/x. */
    private Path chartPrintingAFile() throws Exception {
        Path repository = Files.createDirectories(tmp.resolve("repository"));
        Git.run(repository, "init", "-q");
        Path chart = Files.createDirectories(repository.resolve("chart/templates"));
        Files.createDirectories(repository.resolve("chart/files"));
        Files.writeString(repository.resolve("chart/Chart.yaml"), "apiVersion: v2\nname: printing\nversion: 0.1.0\n");
        Files.writeString(chart.resolve("files.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: files\n"
                + "data:\n  shown: {{ .Files.Get \"files/x\" | quote }}\n");
        Files.writeString(Files.createDirectories(repository.resolve("shared")).resolve("inside.txt"), "INSIDE-THE-WORK-TREE");
        return repository.resolve("chart");
    }

    private static Report lintChart(Path chart, Policy policy) throws Exception {
        return new Linter(policy).lint(new Inputs.Request(List.of(), new ByteArrayInputStream(new byte[0]),
                new HelmChart(chart, null, "r", "ns"), null));
    }

    /** "file: message" of each limit-exceeded finding. */
    private static List<String> limits(Report report) {
        return report.findings().stream().filter(f -> f.ruleId().equals("limit-exceeded"))
                .map(f -> f.position().file() + ": " + f.message()).toList();
    }

    @Test
    void aLinkInsideTheWorkTreeIsFollowedAsHelmFollowsIt() throws Exception {
        Path chart = chartPrintingAFile();
        Files.createSymbolicLink(chart.resolve("files/x"), Path.of("../../shared/inside.txt"));

        Report report = lintChart(chart, Policy.defaults());

        assertThat(limits(report)).isEmpty();
        assertThat(report.texts().get(chart + " (helm template)")).contains("INSIDE-THE-WORK-TREE");
    }

    @Test
    void aLinkOutOfTheWorkTreeIsAFindingAtTheLinkAndTheChartIsNotRendered() throws Exception {
        Path chart = chartPrintingAFile();
        Path secret = Files.writeString(Files.createDirectories(tmp.resolve("outside")).resolve("secret.txt"), "OUTSIDE-SECRET");
        Files.createSymbolicLink(chart.resolve("files/x"), secret);
        Files.createSymbolicLink(chart.resolve("files/environ"), Path.of("/proc/self/environ"));

        Report report = lintChart(chart, Policy.defaults());

        String because = "a link out of " + tmp.resolve("repository") + " (Helm follows links), so the chart is not rendered"
                + NOT_CHECKED;
        assertThat(limits(report)).containsExactlyInAnyOrder(chart.resolve("files/x") + ": " + because,
                chart.resolve("files/environ") + ": " + because);
        assertThat(report.texts().values()).noneMatch(text -> text.contains("OUTSIDE-SECRET") || text.contains("PATH="));
    }

    @Test
    @Timeout(60)
    void aPipeInTheChartIsAFindingAndNothingWaitsOnIt() throws Exception {
        Path chart = chartPrintingAFile();
        Process mkfifo = new ProcessBuilder("mkfifo", chart.resolve("files/x").toString()).inheritIO().start();
        assertThat(mkfifo.waitFor()).isZero();

        assertThat(limits(lintChart(chart, Policy.defaults()))).containsExactly(chart.resolve("files/x")
                + ": a pipe, device or socket (Helm would wait on it or read it without end), so the chart is not rendered" + NOT_CHECKED);
    }

    @Test
    @Timeout(60)
    void aLinkLoopAndAFolderLinkedTwiceAreFindings() throws Exception {
        Path chart = chartPrintingAFile();
        Files.createSymbolicLink(chart.resolve("files/loop"), Path.of(".."));
        Files.createSymbolicLink(chart.resolve("files/one"), Path.of("../../shared"));
        Files.createSymbolicLink(chart.resolve("files/two"), Path.of("../../shared"));

        List<String> limits = limits(lintChart(chart, Policy.defaults()));

        assertThat(limits).hasSize(2).contains(chart.resolve("files/loop") + ": a link to a folder that holds it "
                + "(Helm would walk it until the path is too long), so the chart is not rendered" + NOT_CHECKED);
        assertThat(limits).filteredOn(l -> l.contains("a folder reached a second time through links")).singleElement()
                .satisfies(l -> assertThat(l).matches(".*/files/(one|two): .*"));
    }

    @ParameterizedTest
    @CsvSource({"4000, false", "10000, true"})
    void theRenderedOutputIsBoundedByTheFileSize(int fillerBytes, boolean pastTheBound) throws Exception {
        Path chart = chartPrintingAFile();
        Files.writeString(chart.resolve("templates/filler.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: filler\n"
                + "data:\n  filler: {{ repeat " + fillerBytes + " \"x\" }}\n");
        Policy policy = Policy.load(Files.writeString(tmp.resolve("policy.conf"), "limits { max-file-size = 8KiB }\n"));

        List<String> limits = limits(lintChart(chart, policy));

        if (pastTheBound) {
            assertThat(limits).containsExactly(chart.resolve("Chart.yaml") + ": the output of helm template is larger than "
                    + "8 KiB (natsguard's bound limits.max-file-size), so it was not read" + NOT_CHECKED);
        } else {
            assertThat(limits).isEmpty();
        }
    }
}
