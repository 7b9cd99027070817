package io.natsguard.lint;

import static org.assertj.core.api.Assertions.assertThat;

import io.natsguard.policy.Policy;
import io.natsguard.report.Finding;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file named on the command line (what pre-commit and editors pass) is linted within its unit: the
 * scale-up of statefulset.yaml meets the ConfigMap beside it, the finding is reported where it is and
 * names the named file among its related places, and nothing the named file has no part in is
 * reported.
 */
class FileModeTest {

    @TempDir
    Path repo;

    @Test
    void theScaledStatefulSetMeetsTheConfigMapBesideIt() throws Exception {
        splitCluster(5, 3);
        assertThat(lint(repo.resolve("nats/statefulset.yaml"))).singleElement().satisfies(f -> {
            assertThat(f.ruleId()).isEqualTo("routes-incomplete");
            assertThat(f.position().file()).as("where the routes are, though that file was not named")
                    .isEqualTo(repo.resolve("nats/configmap.yaml").toString());
            assertThat(f.related()).extracting(r -> r.position() + " " + r.note()).containsExactly(
                    repo.resolve("nats/statefulset.yaml") + ":7:3 the replicas of StatefulSet nats/nats",
                    repo.resolve("nats/statefulset.yaml") + ":1:1 the file named, linted with the other files of its unit");
        });
    }

    @Test
    void whatTheNamedFileHasNoPartInIsNotReported() throws Exception {
        splitCluster(5, 3);
        write("nats/other.yaml", "# natsguard:ignore routes-incomplete\n" + DeploymentUnitsTest.nats(5, 3).replace("namespace: nats", "namespace: other"));
        write("nats/broken.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: { name: [ }\n");
        assertThat(lint(repo.resolve("nats/statefulset.yaml"))).extracting(f -> f.ruleId() + " " + Path.of(f.position().file()).getFileName())
                .containsExactly("routes-incomplete configmap.yaml");
        assertThat(lint(repo.resolve("nats"))).as("the folder, linted whole, has all three").extracting(Finding::ruleId)
                .containsExactlyInAnyOrder("manifest-parse-error", "routes-incomplete", "routes-incomplete", "suppression-without-reason");
    }

    @Test
    void theSameFilesNamedTogetherAreLintedAsTheFolderIs() throws Exception {
        splitCluster(5, 3);
        assertThat(lint(repo.resolve("nats/statefulset.yaml"), repo.resolve("nats/configmap.yaml"))).singleElement()
                .satisfies(f -> assertThat(f.related()).as("the finding is in a named file").hasSize(1));
        assertThat(lint(repo.resolve("nats"), repo.resolve("nats/statefulset.yaml"))).as("a folder and a file in it: the file read once")
                .extracting(Finding::ruleId).containsExactly("routes-incomplete");
        splitCluster(3, 3);
        assertThat(lint(repo.resolve("nats/statefulset.yaml"))).isEmpty();
    }

    @Test
    void aPatchAKustomizationReadsIsLintedThroughItsBuild() throws Exception {
        write("app/kustomization.yaml", """
                resources: [ configmap.yaml, statefulset.yaml, service.yaml ]
                patches:
                - target: { kind: StatefulSet, name: nats }
                  path: replicas.yaml
                """);
        write("app/configmap.yaml", DeploymentUnitsTest.configMap(3));
        write("app/statefulset.yaml", DeploymentUnitsTest.statefulSet(3));
        write("app/service.yaml", DeploymentUnitsTest.service());
        write("app/replicas.yaml", "- op: replace\n  path: /spec/replicas\n  value: 5\n");
        assertThat(lint(repo.resolve("app/replicas.yaml"))).singleElement().satisfies(f -> {
            assertThat(f.ruleId()).isEqualTo("routes-incomplete");
            assertThat(f.position().file()).isEqualTo(repo.resolve("app/configmap.yaml").toString());
            assertThat(f.related()).extracting(r -> r.position().toString())
                    .contains(repo.resolve("app/replicas.yaml") + ":1:1");
        });
        write("app/unlisted.yaml", DeploymentUnitsTest.nats(1, 1));
        assertThat(lint(repo.resolve("app/unlisted.yaml"))).as("a file the kustomization does not read is linted alone").isEmpty();
    }

    private void splitCluster(int replicas, int routes) throws IOException {
        write("nats/statefulset.yaml", DeploymentUnitsTest.statefulSet(replicas));
        write("nats/configmap.yaml", DeploymentUnitsTest.configMap(routes));
        write("nats/service.yaml", DeploymentUnitsTest.service());
    }

    private List<Finding> lint(Path... files) throws Exception {
        return new Linter(Policy.defaults()).lint(java.util.Arrays.stream(files).map(Path::toString).toList(),
                new ByteArrayInputStream(new byte[0])).findings();
    }

    private void write(String file, String text) throws IOException {
        Path path = repo.resolve(file);
        Files.createDirectories(path.getParent());
        Files.writeString(path, text);
    }
}
