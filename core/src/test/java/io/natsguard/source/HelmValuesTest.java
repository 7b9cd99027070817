package io.natsguard.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.natsguard.base.Position;
import io.natsguard.limit.Limits;
import io.natsguard.limit.ReadScope;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/** How the values of a HelmRelease or an Application are found, layered and located. */
class HelmValuesTest {

    private static HelmValues only(String yaml) {
        List<HelmValues> found = HelmValues.find(ManifestReader.read("gitops.yaml", yaml).objects(), Units.ONE, ReadScope.NOTHING, Limits.DEFAULT);
        assertThat(found).hasSize(1);
        return found.get(0);
    }

    private static String scalar(HelmValues values, String... path) {
        Node node = Yaml.at(values.merged().values(), path).orElseThrow();
        return ((ScalarNode) node).getValue();
    }

    @Test
    void fluxMergesValuesFromInOrderThenInlineValuesAndHonoursTargetPath() {
        HelmValues values = only("""
                apiVersion: helm.toolkit.fluxcd.io/v2beta2
                kind: HelmRelease
                metadata: { name: msg, namespace: team }
                spec:
                  targetNamespace: prod
                  chart: { spec: { chart: nats } }
                  valuesFrom:
                  - { kind: ConfigMap, name: base }
                  - { kind: Secret, name: pw, valuesKey: password, targetPath: config.cluster.routeURLs.password }
                  values:
                    config: { cluster: { replicas: 5 } }
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata: { name: base, namespace: team }
                data:
                  values.yaml: |
                    config:
                      cluster:
                        enabled: true
                        replicas: 3
                ---
                apiVersion: v1
                kind: Secret
                metadata: { name: pw, namespace: team }
                stringData: { password: s3cret }
                """);
        assertThat(values.releaseName()).isEqualTo("prod-msg");
        assertThat(values.namespace()).isEqualTo("prod");
        assertThat(scalar(values, "config", "cluster", "enabled")).isEqualTo("true");
        assertThat(scalar(values, "config", "cluster", "replicas")).isEqualTo("5");
        assertThat(scalar(values, "config", "cluster", "routeURLs", "password")).isEqualTo("s3cret");
        Node enabled = Yaml.at(values.merged().values(), "config", "cluster", "enabled").orElseThrow();
        assertThat(values.merged().positions().apply(enabled)).isEqualTo(new Position("gitops.yaml", 20, 18));
    }

    @Test
    void argoLayersValuesStringThenValuesObjectThenParameters() {
        HelmValues values = only("""
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata: { name: nats, namespace: argocd }
                spec:
                  destination: { namespace: msg }
                  source:
                    chart: nats
                    helm:
                      values: |
                        config:
                          cluster:
                            enabled: true
                            replicas: 2
                            port: 6222
                      valuesObject:
                        config: { cluster: { replicas: 4 } }
                      parameters:
                      - name: config.cluster.port
                        value: "7222"
                """);
        assertThat(values.releaseName()).isEqualTo("nats");
        assertThat(values.namespace()).isEqualTo("msg");
        assertThat(scalar(values, "config", "cluster", "replicas")).isEqualTo("4");
        assertThat(scalar(values, "config", "cluster", "port")).isEqualTo("7222");
        Node enabled = Yaml.at(values.merged().values(), "config", "cluster", "enabled").orElseThrow();
        assertThat(values.merged().positions().apply(enabled)).isEqualTo(new Position("gitops.yaml", 12, 22));
    }

    @Test
    void aMissingValuesFromIsReportedAndAnOptionalOneIsNot() {
        HelmValues values = only("""
                apiVersion: helm.toolkit.fluxcd.io/v2
                kind: HelmRelease
                metadata: { name: nats, namespace: nats }
                spec:
                  chart: { spec: { chart: nats } }
                  valuesFrom:
                  - { kind: ConfigMap, name: gone }
                  - { kind: ConfigMap, name: later, optional: true }
                """);
        assertThat(values.missing()).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("ConfigMap nats/gone key values.yaml is not among the scanned files"));
    }

    @Test
    void otherChartsAreNotTheNatsChart() {
        assertThat(HelmValues.find(ManifestReader.read("x.yaml", """
                apiVersion: helm.toolkit.fluxcd.io/v2
                kind: HelmRelease
                metadata: { name: redis }
                spec: { chart: { spec: { chart: redis } } }
                """).objects(), Units.ONE, ReadScope.NOTHING, Limits.DEFAULT)).isEmpty();
    }
}
