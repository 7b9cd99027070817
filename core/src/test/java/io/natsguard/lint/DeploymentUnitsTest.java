package io.natsguard.lint;

import static org.assertj.core.api.Assertions.assertThat;

import io.natsguard.base.Related;
import io.natsguard.policy.Policy;
import io.natsguard.report.Finding;
import io.natsguard.report.Report;
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
 * Objects join into clusters only within the unit that deploys them: per-environment folders whose
 * objects share kind, namespace and name never meet; a reference that crosses folders is joined when
 * exactly one object of the scanned tree matches, and the finding says what was joined.
 */
class DeploymentUnitsTest {

    @TempDir
    Path repo;

    @Test
    void perEnvironmentFoldersWithEqualNamesAreEachCleanTogether() throws Exception {
        write("clusters/staging/nats.yaml", nats(3, 3));
        write("clusters/production/nats.yaml", nats(5, 5));
        assertThat(lint(repo)).isEmpty();
        assertThat(lint(repo.resolve("clusters/staging"))).isEmpty();
        assertThat(lint(repo.resolve("clusters/production"))).isEmpty();
    }

    @Test
    void theOneErrorOfPerEnvironmentFoldersIsFoundInItsOwnFolderAgainstItsOwnStatefulSet() throws Exception {
        write("clusters/staging/nats.yaml", nats(3, 3));
        write("clusters/production/nats.yaml", nats(5, 3));
        assertThat(lint(repo)).singleElement().satisfies(f -> {
            assertThat(f.ruleId()).isEqualTo("routes-incomplete");
            assertThat(f.position().file()).isEqualTo(repo.resolve("clusters/production/nats.yaml").toString());
            assertThat(f.message()).contains("the 5 replicas of StatefulSet nats/nats", "no route names nats-3, nats-4");
            assertThat(f.related()).extracting(r -> r.position().file())
                    .containsExactly(repo.resolve("clusters/production/nats.yaml").toString());
        });
    }

    @Test
    void aConfigMapKeptInAnotherFolderIsJoinedWhenItIsTheOnlyOneOfItsName() throws Exception {
        write("apps/nats/statefulset.yaml", statefulSet(5));
        write("config/nats/configmap.yaml", configMap(3));
        Finding incomplete = single(lint(repo), "routes-incomplete");
        assertThat(incomplete.position().file()).isEqualTo(repo.resolve("config/nats/configmap.yaml").toString());
        assertThat(incomplete.related()).extracting(Related::note).contains(
                "ConfigMap nats/nats-config (mounted by StatefulSet nats/nats), joined from another unit as the only one of its name "
                        + "in the scanned tree");
        assertThat(incomplete.message()).as("what was joined is a related place, not text").doesNotContain("configmap.yaml");
    }

    @Test
    void aConfigMapOfThatNameInTwoOtherFoldersIsJoinedWithNeither() throws Exception {
        write("apps/nats/statefulset.yaml", statefulSet(5));
        write("config/a/configmap.yaml", configMap(3));
        write("config/b/configmap.yaml", configMap(3));
        assertThat(lint(repo)).noneMatch(f -> f.ruleId().equals("routes-incomplete"));
    }

    @Test
    void aServiceOfItsOwnFolderIsTheOneARouteNamesThoughAnotherFolderHasOneOfTheSameName() throws Exception {
        write("a/nats.yaml", service() + "---\n" + configMap(List.of("nats://nats-headless:6222")) + "---\n" + statefulSet(3));
        write("b/service.yaml", """
                apiVersion: v1
                kind: Service
                metadata: { name: nats-headless, namespace: nats }
                spec: { clusterIP: None, selector: { app: other } }
                """);
        Finding single = single(lint(repo), "routes-single-dns-name");
        assertThat(single.message()).contains("names Service nats/nats-headless");
        assertThat(single.related()).as("the Service of its own folder: nothing joined").isEmpty();
    }

    @Test
    void anArgoCdApplicationsPathIsOneUnitWithoutItsSubfoldersUnlessItRecurses() throws Exception {
        write("argocd/nats.yaml", application("apps/nats", false));
        write("apps/nats/a.yaml", service());
        write("apps/nats/b.yaml", service());
        write("apps/nats/extra/c.yaml", service());
        assertThat(lint(repo)).extracting(f -> f.ruleId() + " " + repo.relativize(Path.of(f.position().file())))
                .containsExactly("object-duplicated apps/nats/b.yaml");

        write("argocd/nats.yaml", application("apps/nats", true));
        assertThat(lint(repo)).extracting(f -> f.ruleId() + " " + repo.relativize(Path.of(f.position().file())))
                .containsExactly("object-duplicated apps/nats/b.yaml", "object-duplicated apps/nats/extra/c.yaml");
    }

    @Test
    void thePathOfAnotherRepositoryMakesNoUnit() throws Exception {
        write("argocd/nats.yaml", application("not/in/this/repository", false));
        write("apps/nats/a.yaml", service());
        write("apps/nats/b.yaml", service());
        assertThat(lint(repo)).as("a folder nothing here deploys may hold alternatives").isEmpty();
    }

    private List<Finding> lint(Path path) throws Exception {
        Report report = new Linter(Policy.defaults()).lint(List.of(path.toString()), new ByteArrayInputStream(new byte[0]));
        return report.findings();
    }

    private static Finding single(List<Finding> findings, String rule) {
        List<Finding> of = findings.stream().filter(f -> f.ruleId().equals(rule)).toList();
        assertThat(of).as("%s among %s", rule, findings).hasSize(1);
        return of.get(0);
    }

    private void write(String file, String text) throws IOException {
        Path path = repo.resolve(file);
        Files.createDirectories(path.getParent());
        Files.writeString(path, text);
    }

    /** A NATS cluster of {@code replicas} whose config routes to pods 0..routes-1, with TLS and a name. */
    static String nats(int replicas, int routes) {
        return service() + "---\n" + configMap(routes) + "---\n" + statefulSet(replicas);
    }

    static String service() {
        return """
                apiVersion: v1
                kind: Service
                metadata:
                  name: nats-headless
                  namespace: nats
                spec:
                  clusterIP: None
                  selector: { app: nats }
                  ports: [ { name: cluster, port: 6222 } ]
                """;
    }

    static String configMap(int routes) {
        return configMap(IntStream.range(0, routes).mapToObj(i -> "nats://nats-" + i + ".nats-headless.nats.svc.cluster.local:6222").toList());
    }

    static String configMap(List<String> routes) {
        String list = routes.stream().map(url -> "        " + url).collect(Collectors.joining("\n"));
        return """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: nats-config
                  namespace: nats
                data:
                  nats.conf: |
                    port: 4222
                    cluster {
                      name: nats
                      port: 6222
                      routes = [
                %s
                      ]
                      tls { cert_file: /etc/tls/tls.crt, key_file: /etc/tls/tls.key, ca_file: /etc/tls/ca.crt }
                    }
                """.formatted(list);
    }

    static String statefulSet(int replicas) {
        return """
                apiVersion: apps/v1
                kind: StatefulSet
                metadata:
                  name: nats
                  namespace: nats
                spec:
                  replicas: %d
                  serviceName: nats-headless
                  selector: { matchLabels: { app: nats } }
                  template:
                    metadata: { labels: { app: nats } }
                    spec:
                      containers:
                      - name: nats
                        image: nats:2.10
                        args: [ "--config", "/etc/nats/nats.conf" ]
                        volumeMounts: [ { name: config, mountPath: /etc/nats } ]
                      volumes:
                      - name: config
                        configMap: { name: nats-config }
                """.formatted(replicas);
    }

    private static String application(String path, boolean recurse) {
        return """
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata: { name: nats, namespace: argocd }
                spec:
                  project: default
                  destination: { server: "https://kubernetes.default.svc", namespace: nats }
                  source:
                    repoURL: https://example.com/fleet.git
                    path: %s
                    directory: { recurse: %s }
                """.formatted(path, recurse);
    }
}
