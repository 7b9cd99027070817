package io.natsguard.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.natsguard.base.Position;
import io.natsguard.limit.Limits;
import io.natsguard.limit.ReadScope;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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

    @Test
    void theChartVersionIsReadWhereItIsWritten() {
        List<HelmValues> found = HelmValues.find(ManifestReader.read("gitops.yaml", """
                apiVersion: helm.toolkit.fluxcd.io/v2
                kind: HelmRelease
                metadata: { name: a, namespace: n }
                spec: { chart: { spec: { chart: nats, version: "~2.12" } } }
                ---
                apiVersion: helm.toolkit.fluxcd.io/v2
                kind: HelmRelease
                metadata: { name: latest, namespace: n }
                spec: { chart: { spec: { chart: nats } } }
                ---
                apiVersion: helm.fluxcd.io/v1
                kind: HelmRelease
                metadata: { name: b, namespace: n }
                spec: { chart: { repository: "https://nats-io.github.io/k8s/helm/charts", name: nats, version: 0.9.0 } }
                ---
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata: { name: c, namespace: argocd }
                spec: { source: { chart: nats, targetRevision: 1.3.16 } }
                """).objects(), Units.ONE, ReadScope.NOTHING, Limits.DEFAULT);
        assertThat(found).extracting(values -> values.version().written()).containsExactly("~2.12", null, "0.9.0", "1.3.16");
        assertThat(found).extracting(values -> values.version().at().line()).containsExactly(4, 9, 14, 19);
        assertThat(found).extracting(values -> values.unmodeled().isPresent()).containsExactly(false, false, true, false);
        HelmValues.Dependency dependency = HelmValues.dependencyOnNats("""
                apiVersion: v2
                name: umbrella
                dependencies:
                - name: nats
                  version: 2.14.4
                  alias: bus
                """, "charts/umbrella/Chart.yaml").orElseThrow();
        assertThat(dependency.subchart()).isEqualTo("bus");
        assertThat(dependency.version().written()).isEqualTo("2.14.4");
        assertThat(dependency.version().at()).isEqualTo(new Position("charts/umbrella/Chart.yaml", 5, 12));
    }

    @Test
    void fluxV1TakesItsKeyRefsInOrderThenInlineValuesAndSaysWhatItCannotRead() {
        HelmValues values = only("""
                apiVersion: helm.fluxcd.io/v1
                kind: HelmRelease
                metadata: { name: bus, namespace: team }
                spec:
                  chart: { repository: "https://nats-io.github.io/k8s/helm/charts", name: nats, version: 1.3.16 }
                  valuesFrom:
                  - configMapKeyRef: { name: base }
                  - secretKeyRef: { name: pw, key: routes.yaml, namespace: vault }
                  - externalSourceRef: { url: "https://example.com/values.yaml" }
                  - chartFileRef: { path: ci/extra.yaml, optional: true }
                  values:
                    config: { cluster: { replicas: 5 } }
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata: { name: base, namespace: team }
                data:
                  values.yaml: "config: { cluster: { enabled: true, replicas: 3, port: 7000 } }"
                ---
                apiVersion: v1
                kind: Secret
                metadata: { name: pw, namespace: vault }
                stringData:
                  routes.yaml: "config: { cluster: { port: 7222 } }"
                """);
        assertThat(values.releaseName()).isEqualTo("team-bus");
        assertThat(scalar(values, "config", "cluster", "enabled")).isEqualTo("true");
        assertThat(scalar(values, "config", "cluster", "replicas")).isEqualTo("5");
        assertThat(scalar(values, "config", "cluster", "port")).isEqualTo("7222");
        assertThat(values.missing()).singleElement().satisfies(p -> {
            assertThat(p.message()).contains("valuesFrom externalSourceRef https://example.com/values.yaml is not read");
            assertThat(p.position().line()).isEqualTo(9);
        });
    }

    @Test
    void aLocalChartIsReadAtItsOwnVersionOrAsTheDependencyOfAnUmbrella(@TempDir Path repo) throws Exception {
        write(repo.resolve("charts/nats/Chart.yaml"), "apiVersion: v2\nname: nats\nversion: 1.3.0\n");
        write(repo.resolve("charts/nats/values.yaml"), "config:\n  cluster:\n    replicas: 5\n");
        write(repo.resolve("charts/messaging/Chart.yaml"), """
                apiVersion: v2
                name: messaging
                version: 0.1.0
                dependencies:
                - { name: nats, version: 0.19.1, alias: bus }
                """);
        write(repo.resolve("charts/messaging/values.yaml"), "bus:\n  cluster:\n    enabled: true\nother: {}\n");
        Path releases = repo.resolve("clusters/prod/releases.yaml");
        write(releases, """
                apiVersion: helm.toolkit.fluxcd.io/v2
                kind: HelmRelease
                metadata: { name: copy, namespace: n }
                spec:
                  chart: { spec: { chart: ./charts/nats, sourceRef: { kind: GitRepository, name: repo } } }
                  values: { config: { cluster: { enabled: true } } }
                ---
                apiVersion: helm.fluxcd.io/v1
                kind: HelmRelease
                metadata: { name: wrapped, namespace: n }
                spec:
                  chart: { git: "https://example.com/repo.git", path: charts/messaging }
                  values: { bus: { cluster: { replicas: 5 } } }
                """);
        List<HelmValues> found = HelmValues.find(ManifestReader.read(releases.toString(), Files.readString(releases)).objects(),
                Units.ONE, ReadScope.of(List.of(repo)), Limits.DEFAULT);
        assertThat(found).hasSize(2);
        HelmValues copy = found.get(0);
        assertThat(copy.version().written()).isEqualTo("1.3.0");
        assertThat(copy.unmodeled()).isEmpty();
        assertThat(scalar(copy, "config", "cluster", "replicas")).isEqualTo("5");
        assertThat(scalar(copy, "config", "cluster", "enabled")).isEqualTo("true");
        HelmValues wrapped = found.get(1);
        assertThat(wrapped.version().written()).isEqualTo("0.19.1");
        assertThat(wrapped.version().at().file()).endsWith("charts/messaging/Chart.yaml");
        assertThat(scalar(wrapped, "cluster", "enabled")).isEqualTo("true");
        assertThat(scalar(wrapped, "cluster", "replicas")).isEqualTo("5");
        assertThat(wrapped.unmodeled()).get().satisfies(p -> assertThat(p.message()).contains("chart nats 0.19.1 is not modeled"));
    }

    private static void write(Path file, String text) throws Exception {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
