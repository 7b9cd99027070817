package io.natsguard.lint;

import io.natsguard.policy.Policy;
import io.natsguard.report.Finding;
import io.natsguard.report.Report;
import io.natsguard.report.Suppression;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.assertj.core.api.Assertions.assertThat;

/** Comments, annotations and policy exemptions silence findings, with a reason; the baseline survives moved lines. */
class SuppressionsTest {

    private static final String CONFIGMAP = """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: nats-config
              namespace: dev
              annotations:
                natsguard.io/ignore-cluster-name-missing: "one-node dev cluster"
            data:
              nats.conf: |
                # natsguard:ignore cluster-tls-missing routes stay on the node
                cluster {
                  routes = [ nats://nats-0.nats:6222 ]
                }
            """;

    @TempDir
    Path dir;

    private Report lint(Policy policy, Baseline baseline, String... paths) throws Exception {
        return new Linter(policy, baseline).lint(List.of(paths), new ByteArrayInputStream(new byte[0]));
    }

    @Test
    void aCommentOnTheLineBeforeAndAnAnnotationSuppressWithTheirReasons() throws Exception {
        Files.writeString(dir.resolve("cm.yaml"), CONFIGMAP);
        Report report = lint(Policy.defaults(), null, dir.toString());
        assertThat(report.findings()).extracting(Finding::ruleId).doesNotContain("cluster-tls-missing", "cluster-name-missing");
        assertThat(report.all()).filteredOn(f -> f.suppression() != null)
                .extracting(f -> f.ruleId() + ": " + f.suppression().reason())
                .containsExactlyInAnyOrder("cluster-tls-missing: routes stay on the node",
                        "cluster-name-missing: one-node dev cluster");
        assertThat(report.suppressed(Suppression.Kind.IN_SOURCE)).isEqualTo(2);
    }

    @Test
    void aPolicyCanForbidAnnotationsAndExemptObjects() throws Exception {
        Files.writeString(dir.resolve("cm.yaml"), CONFIGMAP);
        Files.writeString(dir.resolve("lab.yaml"), """
                apiVersion: v1
                kind: ConfigMap
                metadata: { name: nats-lab, namespace: dev-lab }
                data:
                  nats.conf: "cluster { name: lab, routes = [ nats://nats-svc:6222 ], tls { ca_file: c } }"
                """);
        Path policyFile = Files.writeString(dir.resolve("policy.conf"), """
                suppressions { annotations = false }
                exemptions = [ { rule = "routes-single-dns-name", namespace = "dev-*", name = "nats-*", reason = "lab" } ]
                """);
        Report report = lint(Policy.load(policyFile), null, dir.resolve("cm.yaml").toString(), dir.resolve("lab.yaml").toString());
        assertThat(report.findings()).extracting(Finding::ruleId).contains("cluster-name-missing")
                .doesNotContain("routes-single-dns-name", "cluster-tls-missing");
        assertThat(report.all()).filteredOn(f -> f.suppression() != null && f.suppression().kind() == Suppression.Kind.POLICY)
                .extracting(Finding::ruleId).containsExactly("routes-single-dns-name");
    }

    @Test
    void theBaselineKeepsOldFindingsQuietWhenLinesMoveAndCatchesNewOnes() throws Exception {
        Path conf = Files.writeString(dir.resolve("nats.conf"), "cluster {\n  routes = [ nats://svc:6222 ]\n}\n");
        Report before = lint(Policy.defaults(), null, conf.toString());
        assertThat(before.findings()).extracting(Finding::ruleId).containsExactlyInAnyOrder("cluster-name-missing", "cluster-tls-missing", "routes-single-dns-name");
        Path baselineFile = dir.resolve("baseline.json");
        Baseline.write(baselineFile, before);

        Files.writeString(conf, "# a comment moves every line down\n\ncluster {\n  routes = [ nats://svc:6222 ]\n}\n");
        Report moved = lint(Policy.defaults(), Baseline.read(baselineFile), conf.toString());
        assertThat(moved.findings()).isEmpty();
        assertThat(moved.suppressed(Suppression.Kind.BASELINE)).isEqualTo(before.findings().size());

        Files.writeString(conf, "cluster {\n  routes = [ nats://svc:6222 ]\n  tls { insecure: true }\n}\n");
        Report changed = lint(Policy.defaults(), Baseline.read(baselineFile), conf.toString());
        assertThat(changed.findings()).extracting(Finding::ruleId).containsExactly("cluster-tls-insecure");
    }
}
