package io.natsguard.lint;

import static org.assertj.core.api.Assertions.assertThat;

import io.natsguard.base.Related;
import io.natsguard.policy.Policy;
import io.natsguard.report.Finding;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Kustomize base that overlays use is judged through each overlay's build (real kubectl kustomize):
 * overlays that replace the config through a configMapGenerator and patch the replicas with a JSON6902
 * patch are clean when they agree, and the one that does not is found in its own files; a finding of
 * the base's own lines lands once, naming every overlay it was found through.
 */
class KustomizeOverlaysTest {

    @TempDir
    Path repo;

    @Test
    void overlaysThatReplaceTheConfigAndPatchTheReplicasConsistentlyAreClean() throws Exception {
        base("cluster { name: nats, port: 6222, routes = [ " + routes(3) + " ] }");
        overlay("staging", 3, 3);
        overlay("production", 5, 5);
        assertThat(lint(repo)).as("the base's own config (no TLS) is never deployed: both overlays replace it").isEmpty();
    }

    @Test
    void theOverlayWhoseRoutesMissItsReplicasIsFoundInItsOwnConfig() throws Exception {
        base("cluster { name: nats, port: 6222, routes = [ " + routes(3) + " ] }");
        overlay("staging", 3, 3);
        overlay("production", 5, 3);
        assertThat(lint(repo)).singleElement().satisfies(f -> {
            assertThat(f.ruleId()).isEqualTo("routes-incomplete");
            assertThat(f.position().file()).isEqualTo(repo.resolve("overlays/production/nats.conf").toString());
            assertThat(f.position().line()).isEqualTo(5);
            assertThat(f.message()).contains("the 5 replicas of StatefulSet nats/nats", "no route names nats-3, nats-4");
            assertThat(f.related()).as("found in the overlay's own file: no overlay to name")
                    .noneMatch(r -> r.note().startsWith("found through"));
        });
    }

    @Test
    void aFindingOfTheBaseLandsOnceOnItsLineNamingEveryOverlay() throws Exception {
        base("cluster { name: nats, port: 6222, routes = [ " + routes(3) + " ] }");
        for (String env : List.of("dev", "qa")) {
            write("overlays/" + env + "/kustomization.yaml", """
                    resources: [ ../../base ]
                    commonLabels: { env: %s }
                    """.formatted(env));
        }
        assertThat(lint(repo)).singleElement().satisfies(f -> {
            assertThat(f.ruleId()).isEqualTo("cluster-tls-missing");
            assertThat(f.position().file()).isEqualTo(repo.resolve("base/configmap.yaml").toString());
            assertThat(f.related()).extracting(Related::position).extracting(Object::toString).containsExactlyInAnyOrder(
                    repo.resolve("overlays/dev/kustomization.yaml") + ":1:1", repo.resolve("overlays/qa/kustomization.yaml") + ":1:1");
            assertThat(f.related()).extracting(Related::note).allMatch(note -> note.startsWith("found through the build of kustomization "));
        });
        assertThat(lint(repo.resolve("base"))).as("the base alone, with no overlay in sight").singleElement()
                .satisfies(f -> assertThat(f.related()).isEmpty());
    }

    private List<Finding> lint(Path path) throws Exception {
        return new Linter(Policy.defaults()).lint(List.of(path.toString()), new ByteArrayInputStream(new byte[0])).findings();
    }

    private static String routes(int count) {
        return IntStream.range(0, count).mapToObj(i -> "nats://nats-" + i + ".nats-headless.nats.svc.cluster.local:6222")
                .collect(Collectors.joining(", "));
    }

    /** A base of three replicas: its ConfigMap holds {@code conf}. */
    private void base(String conf) throws IOException {
        write("base/kustomization.yaml", "resources: [ configmap.yaml, statefulset.yaml, service.yaml ]\n");
        write("base/service.yaml", DeploymentUnitsTest.service());
        write("base/statefulset.yaml", DeploymentUnitsTest.statefulSet(3));
        write("base/configmap.yaml", """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: nats-config
                  namespace: nats
                data:
                  nats.conf: |
                    port: 4222
                    %s
                """.formatted(conf));
    }

    /** An overlay that replaces nats.conf (with TLS, routes to pods 0..routes-1) and patches the replicas. */
    private void overlay(String env, int replicas, int routes) throws IOException {
        write("overlays/" + env + "/kustomization.yaml", """
                resources: [ ../../base ]
                configMapGenerator:
                - name: nats-config
                  namespace: nats
                  behavior: replace
                  files: [ nats.conf ]
                patches:
                - target: { kind: StatefulSet, name: nats }
                  path: replicas.yaml
                """);
        write("overlays/" + env + "/replicas.yaml", """
                - op: replace
                  path: /spec/replicas
                  value: %d
                """.formatted(replicas));
        write("overlays/" + env + "/nats.conf", """
                port: 4222
                cluster {
                  name: nats
                  port: 6222
                  routes = [ %s ]
                  tls { cert_file: /etc/tls/tls.crt, key_file: /etc/tls/tls.key, ca_file: /etc/tls/ca.crt }
                }
                """.formatted(IntStream.range(0, routes).mapToObj(i -> "nats://nats-" + i + ".nats-headless.nats.svc.cluster.local:6222")
                .collect(Collectors.joining(", "))));
    }

    private void write(String file, String text) throws IOException {
        Path path = repo.resolve(file);
        Files.createDirectories(path.getParent());
        Files.writeString(path, text);
    }
}
