package io.natsguard.source.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.natsguard.base.Position;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/** The chart's behaviour beyond the corpus cases, as read from its templates, Helm and sprig. */
class ChartSemanticsTest {

    private static ChartRender render(String values) {
        var node = new Yaml(new LoaderOptions()).compose(new StringReader(values));
        return NatsChartModel.render(node, "v.yaml", "nats", "nats");
    }

    private static List<String> routes(String values) {
        return render(values).cluster().routes().value().stream().map(Fact::value).toList();
    }

    @Test
    void goPrintsNumbersAsFloat64() {
        assertThat(GoValues.float64(6222)).isEqualTo("6222");
        assertThat(GoValues.float64(1_000_000)).isEqualTo("1e+06");
        assertThat(GoValues.float64(1_234_567)).isEqualTo("1.234567e+06");
        assertThat(GoValues.float64(0.5)).isEqualTo("0.5");
        // so a numeric route password reaches the URL in exponent form
        assertThat(routes("config: {cluster: {enabled: true, replicas: 1, routeURLs: {user: u, password: 1234567}}}"))
                .containsExactly("nats://u:1.234567e%2B06@nats-0.nats-headless:6222");
    }

    @Test
    void sprigIntAndUntil() {
        assertThat(GoValues.toInt(new Traced("0x10", null))).isEqualTo(16);
        assertThat(GoValues.toInt(new Traced("5.0", null))).isEqualTo(5);
        assertThat(GoValues.toInt(new Traced("five", null))).isZero();
        assertThat(GoValues.until(-3)).containsExactly(0, -1, -2);
        assertThat(routes("config: {cluster: {enabled: true, replicas: \"2\"}}")).hasSize(2);
    }

    @Test
    void aUserNullUnsetsTheChartDefault() {
        ChartRender render = render("config: {cluster: {enabled: true, replicas: null}}");
        assertThat(render.cluster().routes().value()).isNull();
        assertThat(render.replicas().value()).isNull();
    }

    @Test
    void yaml11BooleansAndMergeKeys() {
        ChartRender render = render("""
                base: &base {enabled: yes, replicas: 2}
                config: {cluster: {<<: *base, replicas: 4}}
                """);
        assertThat(render.clusterEnabled().value()).isTrue();
        assertThat(render.replicas().value()).isEqualTo(4);
    }

    @Test
    void topLevelPatchOnTheClusterBlock() {
        assertThat(routes("""
                config:
                  cluster: {enabled: true, replicas: 2}
                  patch:
                  - {op: add, path: /server_tags, value: [a]}
                  - {op: move, from: /cluster/routes/0, path: /cluster/routes/-}
                """)).containsExactly("nats://nats-1.nats-headless:6222", "nats://nats-0.nats-headless:6222");
    }

    @Test
    void aPatchHelmRejectsNamesItsOperation() {
        assertThatThrownBy(() -> render("""
                config:
                  cluster:
                    enabled: true
                    patch:
                    - {op: replace, path: /gateways, value: []}
                """)).isInstanceOf(ChartRenderException.class).hasMessageContaining("helm template fails")
                .extracting(e -> ((ChartRenderException) e).position()).isEqualTo(new Position("v.yaml", 5, 7));
    }

    @Test
    void aPatchFromAnUnmodeledPlaceIsSaidSo() {
        assertThatThrownBy(() -> render("""
                config:
                  cluster: {enabled: true}
                  patch:
                  - {op: copy, from: /port, path: /cluster/port}
                """)).hasMessageContaining("natsguard does not model");
    }

    @Test
    void statefulSetPatchesChangeWhatPodsAreCalled() {
        ChartRender render = render("""
                config: {cluster: {enabled: true}}
                statefulSet:
                  merge: {metadata: {name: renamed}}
                  patch: [{op: replace, path: /spec/replicas, value: 5}, {op: add, path: /spec/minReadySeconds, value: 3}]
                """);
        assertThat(render.statefulSetName().value()).isEqualTo("renamed");
        assertThat(render.replicas().value()).isEqualTo(5);
        assertThat(render.cluster().routes().value()).hasSize(3); // the routes still follow the values
    }

    @Test
    void tplYamlSpreadsIntoAList() {
        assertThat(routes("""
                config:
                  cluster:
                    enabled: true
                    merge:
                      routes:
                      - nats://seed:6222
                      - $tplYamlSpread: |
                          {{- /* one per zone */ -}}
                          - nats://{{ $.Release.Name }}-a:{{ .Values.config.cluster.port }}
                          - nats://{{ .Release.Name }}-b:6222
                """)).containsExactly("nats://seed:6222", "nats://nats-a:6222", "nats://nats-b:6222");
    }

    @Test
    void aTemplateActionBeyondFieldsIsNotModeled() {
        assertThatThrownBy(() -> render("""
                config: {cluster: {enabled: true, merge: {name: {$tplYaml: "{{ include \\"nats.fullname\\" $ }}"}}}}
                """)).hasMessageContaining("natsguard does not model the template action");
    }
}
