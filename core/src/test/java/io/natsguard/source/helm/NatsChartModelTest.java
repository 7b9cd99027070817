package io.natsguard.source.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.natsguard.base.Position;
import io.natsguard.testing.Corpus;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/** Every case of the Helm corpus: the model's facts against what real helm template rendered. */
class NatsChartModelTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> JSON_COLUMNS = List.of("routes", "cluster_includes", "nats_args");

    static Path chartCases() {
        return Corpus.root().resolve("helm/nats-2.14.2");
    }

    static Stream<Arguments> rows() {
        return Corpus.tsv(chartCases().resolve("EXPECTED.tsv")).stream().map(row -> Arguments.of(row.get("case"), row));
    }

    /** The values.yaml of a case, rendered as release nats in namespace nats. */
    static ChartRender render(String caseName) throws IOException {
        Path file = chartCases().resolve(caseName).resolve("values.yaml");
        var node = new Yaml(new LoaderOptions()).compose(new StringReader(Files.readString(file)));
        return NatsChartModel.render(node, "values.yaml", "nats", "nats");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void factsMatchTheRealRender(String caseName, Map<String, String> expected) throws IOException {
        Map<String, String> actual = columns(caseName, render(caseName));
        Map<String, String> wanted = new LinkedHashMap<>(expected);
        JSON_COLUMNS.forEach(column -> wanted.computeIfPresent(column, (k, cell) -> normalized(cell)));
        assertThat(actual).isEqualTo(wanted);
    }

    @Test
    void aMergedRoutePointsAtItsEntry() throws IOException {
        Fact<String> route = render("merge-routes-single-dns").cluster().routes().value().get(0);
        assertThat(route.from()).isEqualTo(new Provenance(at(9, 9), "config.cluster.merge.routes[0]"));
    }

    @Test
    void generatedRoutesComeFromTheDefaultedReplicas() throws IOException {
        ChartRender render = render("cluster-3");
        Provenance chartDefault = new Provenance(null, "chart default config.cluster.replicas: 3");
        assertThat(render.replicas().from()).isEqualTo(chartDefault);
        assertThat(render.replicas().from().isChartDefault()).isTrue();
        assertThat(render.cluster().routes().value()).extracting(Fact::from).containsOnly(chartDefault);
        assertThat(render.cluster().port().from().description()).isEqualTo("chart default config.cluster.port: 6222");
    }

    @Test
    void generatedRoutesComeFromTheReplicasKey() throws IOException {
        ChartRender render = render("cluster-5");
        Provenance replicas = new Provenance(at(5, 5), "config.cluster.replicas");
        assertThat(render.replicas().from()).isEqualTo(replicas);
        assertThat(render.cluster().routes().value()).extracting(Fact::from).containsOnly(replicas);
    }

    @Test
    void aPatchedRoutePointsAtTheOperationsValue() throws IOException {
        List<Fact<String>> routes = render("patch-routes-add").cluster().routes().value();
        assertThat(routes.get(3).from()).isEqualTo(new Provenance(at(9, 7), "config.cluster.patch[0].value"));
        assertThat(routes.get(0).from().isChartDefault()).isTrue();
    }

    @Test
    void aTemplatedRoutePointsAtItsTemplate() throws IOException {
        Fact<String> route = render("tplyaml-routes").cluster().routes().value().get(0);
        assertThat(route.from().position()).isEqualTo(at(9, 9));
    }

    @Test
    void routeAuthorizationComesFromThePassword() throws IOException {
        ClusterBlock cluster = render("route-auth").cluster();
        assertThat(cluster.authorization()).isEqualTo(new Provenance(at(8, 7), "config.cluster.routeURLs.password"));
        assertThat(cluster.tree().at("authorization", "user").from().position()).isEqualTo(at(7, 7));
    }

    @Test
    void appendedArgsPointAtTheirPatch() throws IOException {
        List<Fact<String>> args = render("container-env-args").natsArgs();
        assertThat(args).extracting(f -> f.from().position()).containsExactly(null, null, at(13, 5), at(16, 5));
    }

    @Test
    void aDisabledClusterHasOneReplicaBecauseOfTheDefault() throws IOException {
        ChartRender render = render("defaults");
        assertThat(render.replicas()).isEqualTo(new Fact<>(1,
                new Provenance(null, "chart default config.cluster.enabled: false")));
        assertThat(render.statefulSetName().from().description())
                .isEqualTo("chart default statefulSet.name: nats, from the release name nats");
    }

    @Test
    void derivedNamesPointAtTheOverride() throws IOException {
        ChartRender render = render("fullname-override");
        assertThat(render.headlessServiceName().from().position()).isEqualTo(at(3, 1));
        assertThat(render.cluster().name().from().position()).isEqualTo(at(3, 1));
    }

    @Test
    void anUmbrellaChartsSubtreeKeepsItsPositions() {
        String umbrella = """
                nats:
                  config:
                    cluster:
                      enabled: true
                      replicas: 2
                other:
                  replicas: 9
                """;
        var root = new Yaml(new LoaderOptions()).compose(new StringReader(umbrella));
        var subtree = NatsChartModel.subchartValues(root, "nats").orElseThrow();
        ChartRender render = NatsChartModel.render(subtree, "umbrella.yaml", "shop", "prod");
        assertThat(render.statefulSetName().value()).isEqualTo("shop-nats");
        assertThat(render.cluster().routes().value()).extracting(Fact::value)
                .containsExactly("nats://shop-nats-0.shop-nats-headless:6222", "nats://shop-nats-1.shop-nats-headless:6222");
        assertThat(render.replicas().from().position()).isEqualTo(new Position("umbrella.yaml", 5, 7));
        assertThat(NatsChartModel.subchartValues(root, "nats-alias")).isEmpty();
    }

    private static Position at(int line, int column) {
        return new Position("values.yaml", line, column);
    }

    /** The EXPECTED.tsv row the render gives. */
    private static Map<String, String> columns(String caseName, ChartRender render) {
        Map<String, String> row = new LinkedHashMap<>();
        row.put("case", caseName);
        row.put("replicas", String.valueOf(render.replicas().value()));
        row.put("values_cluster_enabled", String.valueOf(render.clusterEnabled().value()));
        ClusterBlock cluster = render.cluster();
        row.put("cluster_enabled", String.valueOf(cluster != null));
        List<String> urls = cluster == null || cluster.routes() == null || cluster.routes().value() == null ? List.of()
                : cluster.routes().value().stream().map(Fact::value).toList();
        row.put("routes", cluster == null || cluster.routes() == null ? ""
                : cluster.routes().value() == null ? "null" : json(urls));
        row.put("route_scheme", cluster == null ? "" : String.join(",",
                urls.stream().map(u -> u.substring(0, u.indexOf("://"))).distinct().toList()));
        row.put("route_count", cluster == null ? "" : String.valueOf(urls.size()));
        row.put("routes_cover_every_pod", cluster == null ? "" : String.valueOf(coversEveryPod(render, urls)));
        row.put("route_userinfo", cluster == null ? "" : String.valueOf(urls.stream().anyMatch(u -> authority(u).contains("@"))));
        row.put("cluster_authorization", cluster == null ? "" : String.valueOf(cluster.authorization() != null));
        row.put("cluster_tls", cluster == null ? "" : String.valueOf(cluster.tls() != null));
        row.put("cluster_name", cluster == null ? "" : written(cluster.name()));
        row.put("cluster_port", cluster == null ? "" : written(cluster.port()));
        row.put("no_advertise", cluster == null ? "" : written(cluster.noAdvertise()));
        row.put("cluster_includes", cluster == null ? "" : json(cluster.includes().stream().map(Fact::value).toList()));
        row.put("configmap", render.configMapName().value());
        row.put("statefulset", render.statefulSetName().value());
        row.put("headless_service", render.headlessServiceName().value());
        row.put("nats_args", json(render.natsArgs().stream().map(Fact::value).toList()));
        return row;
    }

    /** For every ordinal, a route whose host starts with the labels {@code <statefulset>-<i>.<headless service>}. */
    private static boolean coversEveryPod(ChartRender render, List<String> urls) {
        List<String> hosts = urls.stream().map(u -> authority(u).replaceFirst("^.*@", "").replaceFirst(":.*$", "")).toList();
        return IntStream.range(0, render.replicas().value()).allMatch(i -> {
            String pod = render.statefulSetName().value() + "-" + i + "." + render.headlessServiceName().value();
            return hosts.stream().anyMatch(h -> h.equals(pod) || h.startsWith(pod + "."));
        });
    }

    private static String authority(String url) {
        return url.substring(url.indexOf("://") + 3).replaceFirst("/.*$", "");
    }

    private static String written(Fact<Object> fact) {
        return fact == null ? "" : String.valueOf(fact.value());
    }

    private static String normalized(String cell) {
        try {
            return cell.isEmpty() ? cell : JSON.writeValueAsString(JSON.readTree(cell));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("bad JSON in EXPECTED.tsv: " + cell, e);
        }
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
