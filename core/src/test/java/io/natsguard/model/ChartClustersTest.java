package io.natsguard.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.natsguard.base.Position;
import io.natsguard.conf.ConfParseException;
import io.natsguard.conf.ConfParser;
import io.natsguard.conf.ConfTreeJson;
import io.natsguard.conf.ConfValue;
import io.natsguard.limit.Limits;
import io.natsguard.limit.ReadScope;
import io.natsguard.source.HelmValues;
import io.natsguard.testing.Corpus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The cluster natsguard checks for a release of the official chart, against what real Helm
 * rendered for the same values (the shared Helm corpus): the cluster block of nats.conf, and the
 * StatefulSet's size, names and --routes.
 */
class ChartClustersTest {

    private static final Path CASES = Corpus.root().resolve("helm/nats-2.14.2");
    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<Arguments> rows() {
        return Corpus.tsv(CASES.resolve("EXPECTED.tsv")).stream().map(row -> Arguments.of(row.get("case"), row));
    }

    private static Cluster chartCluster(String values) {
        HelmValues release = HelmValues.ofValuesFile("values.yaml", values, "nats", "nats", null).orElseThrow();
        ClusterModelBuilder.Model model = new ClusterModelBuilder(Limits.DEFAULT, ReadScope.NOTHING).addChartValues(List.of(release)).build();
        assertThat(model.problems()).isEmpty();
        return model.clusters().get(0);
    }

    private static Cluster chartClusterOfCase(String caseName) throws IOException {
        return chartCluster(Files.readString(CASES.resolve(caseName).resolve("values.yaml")));
    }

    /** The rendered nats.conf as nats-server reads it; its includes (not modeled) read as empty files. */
    private static ConfValue renderedConfig(String caseName) throws Exception {
        byte[] text = Files.readAllBytes(CASES.resolve(caseName).resolve("nats.conf"));
        return new ConfParser(ClusterModelBuilder.lenient(Map.of()), path -> new byte[0]).parse("nats.conf", text);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void theClusterBlockIsTheOneTheChartWrites(String caseName, Map<String, String> row) throws Exception {
        Cluster cluster = chartClusterOfCase(caseName);
        ConfParseException refused = catchThrowableOfType(ConfParseException.class, () -> renderedConfig(caseName));
        if (refused != null) {
            assertThat(cluster.config().error()).as("the rendered config is refused with: %s", refused.getMessage())
                    .isNotNull();
            // the same refusal; its line is the one of our rewrite, which only holds the cluster block
            assertThat(withoutLine(cluster.config().error())).isEqualTo(withoutLine(refused));
            return;
        }
        ConfValue written = renderedConfig(caseName).asMap().get("cluster");
        if (written == null) {
            assertThat(cluster.config()).isNull();
            return;
        }
        assertThat(cluster.config().error()).isNull();
        assertThat(ConfTreeJson.treeToString(cluster.clusterBlock())).isEqualTo(ConfTreeJson.treeToString(written));
    }

    private static String withoutLine(ConfParseException e) {
        return e.getMessage().replaceFirst("^Parse error on line \\d+: ", "");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void theStatefulSetIsTheOneTheChartMakes(String caseName, Map<String, String> row) throws Exception {
        Workload workload = chartClusterOfCase(caseName).workload();
        assertThat(workload.kind()).isEqualTo("StatefulSet");
        assertThat(workload.name()).isEqualTo(row.get("statefulset"));
        assertThat(workload.serviceName()).isEqualTo(row.get("headless_service"));
        assertThat(workload.replicas()).hasToString(row.get("replicas"));
        assertThat(workload.configPath()).isEqualTo(ChartClusters.CONFIG_PATH);
        assertThat(workload.argRoutes()).extracting(Route::url).containsExactlyElementsOf(routesFlag(row.get("nats_args")));
    }

    /** The URLs that --routes gives in an args list, as nats-server's flag parsing takes them. */
    private static List<String> routesFlag(String argsJson) throws IOException {
        List<String> args = List.of(JSON.readValue(argsJson, String[].class));
        List<String> urls = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).equals("--routes") && i + 1 < args.size()) {
                urls.addAll(List.of(args.get(i + 1).split(",")));
            }
        }
        return urls;
    }

    @Test
    void theImageIsTheValuesTagElseTheServerReleaseOfTheChartVersion() {
        String values = "config: { cluster: { enabled: true } }\n";
        assertThat(chartCluster(values + "container: { image: { tag: 2.10.24-alpine } }\n").workload().image())
                .isEqualTo("nats:2.10.24-alpine");
        assertThat(chartCluster(values).workload().natsVersion()).as("the latest chart: the newest release").isEmpty();
        assertThat(ChartClusters.image(atVersion(values, "2.12.3"))).isEqualTo("nats:2.12.3-alpine");
        assertThat(ChartClusters.image(atVersion(values, "~2.12"))).as("a range names no release").isEmpty();
        assertThat(ChartClusters.image(atVersion(values, "1.2.6"))).as("chart 1.x follows no server line").isEmpty();
    }

    private static HelmValues atVersion(String values, String version) {
        return HelmValues.ofValuesFile("values.yaml", values, "nats", "nats", null,
                new HelmValues.Version(version, new Position("Chart.yaml", 1, 1), null)).orElseThrow();
    }

    @Test
    void routesFlagsInEveryGoSpellingAreTheRoutesAndPointAtTheirValues() {
        Cluster cluster = chartCluster("""
                config:
                  cluster:
                    enabled: true
                container:
                  merge:
                    args:
                      - --config
                      - /etc/nats-config/nats.conf
                      - -routes=nats://a:6222, ,nats://b:6222
                      - --routes
                      - nats://c:6222
                      - --routes
                """);
        assertThat(cluster.workload().argRoutes()).extracting(Route::url)
                .containsExactly("nats://a:6222", "nats://b:6222", "nats://c:6222");
        assertThat(cluster.workload().argRoutes()).extracting(r -> r.position().line()).containsExactly(9, 9, 11);
        // --routes overrides the file's routes, and the route list is found at the flag
        assertThat(cluster.routes()).isEqualTo(cluster.workload().argRoutes());
        assertThat(cluster.routesAt().line()).isEqualTo(9);
    }

    @Test
    void valuesOfEveryTypeAreWrittenAsTheChartMeansThem() throws Exception {
        Cluster cluster = chartCluster("""
                config:
                  cluster:
                    enabled: true
                    merge:
                      pool_size: 3.0
                      ping_interval: 1.5
                      "a<b>&c": "tab\\there, \\"q\\", back\\\\slash\\r\\n"
                      limit: << 2MB >>
                      tag: "az:<< $ZONE >>"
                      compression: { mode: s2_auto, rtt_thresholds: [ 10ms, 50ms ] }
                      list_of_maps: [ { a: 1 }, { b: true } ]
                """);
        ConfValue block = cluster.clusterBlock();
        assertThat(ConfTreeJson.treeToString(ConfigKeys.get(block, "pool_size"))).isEqualTo("3");
        assertThat(ConfigKeys.get(block, "ping_interval").value()).isEqualTo(1.5);
        assertThat(ConfigKeys.get(block, "a<b>&c").value()).isEqualTo("tab\there, \"q\", back\\slash\r\n");
        // the chart's marker: a whole string "<< X >>" is written as the bare text X
        assertThat(ConfigKeys.get(block, "limit").value()).isEqualTo(2L * 1024 * 1024);
        assertThat(ConfigKeys.get(block, "tag").value()).isEqualTo("az:<< $ZONE >>");
        assertThat(ConfTreeJson.treeToString(ConfigKeys.get(block, "compression")))
                .isEqualToIgnoringWhitespace("{\"mode\": \"s2_auto\", \"rtt_thresholds\": [\"10ms\", \"50ms\"]}");
        assertThat(ConfTreeJson.treeToString(ConfigKeys.get(block, "list_of_maps")))
                .isEqualToIgnoringWhitespace("[{\"a\": 1}, {\"b\": true}]");
        // every line of the written block points at the values line it came from
        assertThat(cluster.config().locate(ConfigKeys.get(block, "ping_interval")).line()).isEqualTo(6);
        assertThat(cluster.config().locateValue(ConfigKeys.get(block, "list_of_maps").asList().get(1)).line())
                .isEqualTo(11);
    }

    @Test
    void aLargeNumberIsWrittenInFullAsGoDoesSoNatsServerRefusesIt() {
        Cluster cluster = chartCluster("""
                config:
                  cluster:
                    enabled: true
                    merge: { pool_size: 1.0e+20 }
                """);
        assertThat(cluster.config().error()).hasMessageContaining("integer '100000000000000000000' is out of the range");
        assertThat(cluster.chart()).as("the values that make it: where its findings say to fix it").isNotNull();
        // found at the values line that caused it
        assertThat(cluster.config().locate(cluster.config().error().position()).line()).isEqualTo(4);
    }
}
