package io.natsguard.lint;

import static org.assertj.core.api.Assertions.assertThat;

import io.natsguard.policy.Policy;
import io.natsguard.report.Finding;
import io.natsguard.report.Report;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The attacks of issue 16 on {@code natsguard lint}, each against real files: work that grows faster
 * than its input stops at a bound with a limit-exceeded finding at the line that crosses it, and
 * nothing outside the scanned folders is read. The timeout only guards against a hang.
 */
@Timeout(60)
class BoundsTest {

    @TempDir
    Path dir;

    private List<Finding> lint(Policy policy, Path... paths) throws Exception {
        Report report = new Linter(policy).lint(java.util.Arrays.stream(paths).map(Path::toString).toList(),
                new ByteArrayInputStream(new byte[0]));
        return report.findings();
    }

    private List<Finding> lint(Path... paths) throws Exception {
        return lint(Policy.defaults(), paths);
    }

    private Policy policy(String limits) throws Exception {
        return Policy.load(Files.writeString(dir.resolve("policy.conf"), "limits { " + limits + " }\n"));
    }

    private static List<Finding> limits(List<Finding> findings) {
        return findings.stream().filter(f -> f.ruleId().equals("limit-exceeded")).toList();
    }

    @Test
    void filesThatIncludeTheNextTwiceFortyLevelsDeepStopAtTheIncludeDepth() throws Exception {
        Path tree = Files.createDirectories(dir.resolve("tree"));
        Files.writeString(tree.resolve("nats.conf"), "port: 4222\ninclude f1.conf\ninclude f1.conf\n");
        for (int level = 1; level <= 40; level++) {
            Files.writeString(tree.resolve("f" + level + ".conf"), "a" + level + ": 1\ninclude f" + (level + 1)
                    + ".conf\ninclude f" + (level + 1) + ".conf\n");
        }
        assertThat(limits(lint(tree.resolve("nats.conf")))).singleElement().satisfies(f -> {
            assertThat(f.position().file()).endsWith("f16.conf");
            assertThat(f.position().line()).isEqualTo(2);
            assertThat(f.message()).contains("includes nested deeper than 16 files", "limits.max-include-depth");
        });
    }

    @Test
    void includesThatReadMoreThanTheBoundStopAtTheIncludeThatCrossesIt() throws Exception {
        // Twelve levels of doubling stay under the depth bound; 2^12 reads of 1 KiB pass 1 MiB.
        Path tree = Files.createDirectories(dir.resolve("tree"));
        String padding = "# " + "x".repeat(1000) + "\n";
        Files.writeString(tree.resolve("nats.conf"), "port: 4222\ninclude f1.conf\ninclude f1.conf\n");
        for (int level = 1; level <= 12; level++) {
            Files.writeString(tree.resolve("f" + level + ".conf"), padding + "include f" + (level + 1) + ".conf\ninclude f"
                    + (level + 1) + ".conf\n");
        }
        Files.writeString(tree.resolve("f13.conf"), padding + "a: 1\n");
        List<Finding> found = limits(lint(policy("max-included-size = 1MiB"), tree.resolve("nats.conf")));
        assertThat(found).singleElement().satisfies(f -> {
            assertThat(f.message()).contains("reads more than 1 MiB with its includes", "limits.max-included-size");
            assertThat(f.position().line()).isIn(2, 3);
        });
    }

    @Test
    void aMillionReplicasAreCountedNotListed() throws Exception {
        Files.writeString(dir.resolve("release.yaml"), """
                apiVersion: helm.toolkit.fluxcd.io/v2
                kind: HelmRelease
                metadata: { name: nats, namespace: nats }
                spec:
                  chart: { spec: { chart: nats } }
                  values:
                    config:
                      cluster: { enabled: true, replicas: 1000000 }
                ---
                apiVersion: apps/v1
                kind: StatefulSet
                metadata: { name: big, namespace: nats }
                spec:
                  replicas: 1000000
                  serviceName: big
                  template:
                    spec:
                      containers:
                        - name: nats
                          image: nats:2.10
                          args: [ "--cluster", "nats://0.0.0.0:6222", "--routes", "nats://big:6222" ]
                """);
        List<Finding> findings = lint(dir);
        assertThat(limits(findings)).hasSize(2).allSatisfy(f -> assertThat(f.message())
                .contains("asks for 1000000 replicas", "limits.max-replicas"));
        assertThat(limits(findings)).extracting(f -> f.position().line()).containsExactly(8, 14);
        // The size is past listing: no rule lists a million pods, and no route rule judges a size it did not list.
        assertThat(findings).extracting(Finding::ruleId).doesNotContain("routes-incomplete", "wrong-value-type", "routes-missing");
        assertThat(findings).allSatisfy(f -> assertThat(f.message()).hasSizeLessThan(2000));
    }

    @Test
    void chartValuesWhoseAliasesStandForBillionsOfNodesStopAtTheAliasBound() throws Exception {
        // 90 aliases, under SnakeYAML's count of 100, standing for 2^45 nodes of values the chart model walks whole
        StringBuilder values = new StringBuilder("l0: &l0 [x]\n");
        for (int level = 1; level <= 45; level++) {
            values.append("l").append(level).append(": &l").append(level).append(" [*l").append(level - 1).append(", *l")
                    .append(level - 1).append("]\n");
        }
        values.append("config: { cluster: { enabled: true } }\n");
        Files.writeString(dir.resolve("app.yaml"), """
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata: { name: nats, namespace: argocd }
                spec:
                  destination: { namespace: nats }
                  source:
                    chart: nats
                    helm:
                      values: |
                %s""".formatted(values.toString().indent(8)));
        assertThat(limits(lint(dir))).singleElement().satisfies(f -> {
            assertThat(f.position().line()).isEqualTo(9);
            assertThat(f.message()).contains("helm.values", "Aliases expand the document past 100000 nodes");
        });
        Files.writeString(dir.resolve("app.yaml"), values.toString());
        assertThat(limits(lint(dir))).singleElement().satisfies(f -> assertThat(f.message()).contains("Aliases expand"));
    }

    @Test
    void keysThatEachIncludeALargeSiblingShareOneBudget() throws Exception {
        // each key reads 2 MB, within every bound of one config; 400 of them would read 800 MB
        StringBuilder yaml = new StringBuilder("apiVersion: v1\nkind: ConfigMap\nmetadata: { name: many }\ndata:\n  big.conf: |\n");
        yaml.append("    # padding of two hundred bytes, read each time a key includes this file\n".repeat(2800));
        for (int key = 0; key < 400; key++) {
            yaml.append("  nats-").append(key).append(".conf: |\n").append("    include big.conf\n".repeat(10));
        }
        Files.writeString(dir.resolve("cm.yaml"), yaml);
        // 33 keys of 10 x 201,600 bytes fit in 64 MiB; each of the other 367 is stopped
        assertThat(limits(lint(dir))).hasSize(367).allSatisfy(f -> assertThat(f.message())
                .contains("the NATS configs of this input read more than 64 MiB together", "limits.max-included-size"));
    }

    @Test
    void anEnvironmentValueThatReferencesItselfTwicePerLevelStopsAtTheExpandedSize() throws Exception {
        StringBuilder graph = new StringBuilder("{v0: 1");
        for (int level = 1; level <= 30; level++) {
            graph.append(", v").append(level).append(": [$v").append(level - 1).append(", $v").append(level - 1).append("]");
        }
        graph.append("}");
        Files.writeString(dir.resolve("nats.yaml"), """
                apiVersion: v1
                kind: ConfigMap
                metadata: { name: nats-config }
                data:
                  nats.conf: |
                    port: 4222
                    authorization: $GRAPH
                ---
                apiVersion: apps/v1
                kind: StatefulSet
                metadata: { name: nats }
                spec:
                  replicas: 1
                  serviceName: nats
                  template:
                    spec:
                      containers:
                        - name: nats
                          image: nats:2.10
                          args: [ "-c", "/etc/nats/nats.conf" ]
                          env: [ { name: GRAPH, value: "%s" } ]
                          volumeMounts: [ { name: config, mountPath: /etc/nats } ]
                      volumes: [ { name: config, configMap: { name: nats-config } } ]
                """.formatted(graph));
        assertThat(lint(dir)).singleElement().satisfies(f -> {
            assertThat(f.ruleId()).isEqualTo("limit-exceeded");
            assertThat(f.position().line()).isEqualTo(7);
            assertThat(f.message()).contains("variable reference for 'GRAPH'", "limits.max-expanded-size");
        });
    }

    @Test
    void aFileLargerThanTheBoundIsAFindingAndIsNotRead() throws Exception {
        Files.writeString(dir.resolve("big.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata: { name: big }\ndata:\n  nats.conf: |\n"
                + "    cluster { routes = [ nats://svc:6222 ] }\n" + "    # padding\n".repeat(10_000));
        Files.writeString(dir.resolve("nats.conf"), "port: 4222\n" + "# padding\n".repeat(10_000));
        Policy small = policy("max-file-size = 64KiB");
        assertThat(lint(small, dir)).allSatisfy(f -> {
            assertThat(f.ruleId()).isEqualTo("limit-exceeded");
            assertThat(f.position().line()).isEqualTo(1);
            assertThat(f.message()).contains("larger than 64 KiB", "limits.max-file-size");
        }).hasSize(2);
        Report stdin = new Linter(small).lint(List.of("-"), new ByteArrayInputStream(Files.readAllBytes(dir.resolve("big.yaml"))));
        assertThat(stdin.findings()).singleElement().satisfies(f -> assertThat(f.position().file()).isEqualTo("<stdin>"));
    }

    @Test
    void aFifteenMegabyteLineOfYamlIsReadInLinearTime() throws Exception {
        // SnakeYAML's own reader copied its window per 1,024 characters: 270 s for this file.
        Files.writeString(dir.resolve("line.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata: { name: x }\ndata:\n  a: \""
                + "x".repeat(15 << 20) + "\"\n  b: |\n    cluster { routes = [ nats://svc:6222 ] }\n");
        assertThat(lint(dir)).extracting(Finding::ruleId).isEmpty();
    }

    @Test
    void aConfigMapOfTwentyThousandAnchoredKeysIsReadInLinearTime() throws Exception {
        StringBuilder yaml = new StringBuilder("apiVersion: v1\nkind: ConfigMap\nmetadata: { name: many }\ndata:\n");
        for (int i = 0; i < 20_000; i++) {
            yaml.append("  k").append(i).append(": &a").append(i).append(" v").append(i).append('\n');
        }
        for (int i = 0; i < 20_000; i++) {
            yaml.append("  r").append(i).append(": *a").append(i).append('\n');
        }
        Files.writeString(dir.resolve("anchors.yaml"), yaml);
        assertThat(lint(dir)).isEmpty();
    }

    @Test
    void anIncludeOutOfTheScannedTreeIsNamedAndNotRead() throws Exception {
        Path tree = Files.createDirectories(dir.resolve("repo"));
        String up = "../".repeat(tree.toAbsolutePath().getNameCount());
        Files.writeString(tree.resolve("nats.conf"), "port: 4222\ninclude " + up + "proc/self/environ\n");
        List<Finding> findings = lint(tree);
        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.ruleId()).isEqualTo("limit-exceeded");
            assertThat(f.position().line()).isEqualTo(2);
            assertThat(f.message()).contains("proc/self/environ", "outside the scanned folders", "does not read it");
        });
        // what the environment holds never reaches a finding
        System.getenv().keySet().stream().filter(name -> name.length() > 6).forEach(name ->
                assertThat(findings.get(0).message()).doesNotContain(name));
    }

    @Test
    void anIncludeThroughALinkOutOfTheTreeIsNotRead() throws Exception {
        Path tree = Files.createDirectories(dir.resolve("repo"));
        Path secret = Files.writeString(dir.resolve("secret.conf"), "token: s3cr3t-outside\n");
        Files.createSymbolicLink(tree.resolve("auth.conf"), secret);
        Files.writeString(tree.resolve("nats.conf"), "port: 4222\ninclude auth.conf\n");
        assertThat(lint(tree.resolve("nats.conf"))).singleElement().satisfies(f -> {
            assertThat(f.ruleId()).isEqualTo("limit-exceeded");
            assertThat(f.message()).contains("a link out of").doesNotContain("s3cr3t");
        });
    }

    @Test
    void anArgoCdValueFileOutOfTheTreeIsNamedAndNotRead() throws Exception {
        Path tree = Files.createDirectories(dir.resolve("repo"));
        Path outside = Files.writeString(dir.resolve("outside-values.yaml"), "config: { cluster: { routeURLs: { password: Outside-S3cret } } }\n");
        Files.writeString(tree.resolve("app.yaml"), """
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata: { name: nats, namespace: argocd }
                spec:
                  destination: { namespace: nats }
                  source:
                    chart: nats
                    helm:
                      valueFiles: [ %s ]
                """.formatted(outside.toAbsolutePath()));
        List<Finding> findings = lint(tree);
        assertThat(findings).filteredOn(f -> f.ruleId().equals("helm-values-unchecked")).singleElement()
                .satisfies(f -> assertThat(f.message()).contains(outside.toAbsolutePath().toString(), "outside the scanned folders"));
        assertThat(findings).allSatisfy(f -> assertThat(f.message()).doesNotContain("Outside-S3cret"));
    }

    @Test
    void binaryDataIsReadLikeData() throws Exception {
        String conf = "cluster {\n  name: c\n  port: 6222\n  routes = [ nats://nats-headless:6222 ]\n}\n";
        Files.writeString(dir.resolve("cm.yaml"), """
                apiVersion: v1
                kind: ConfigMap
                metadata: { name: nats-config }
                binaryData:
                  nats.conf: %s
                """.formatted(Base64.getEncoder().encodeToString(conf.getBytes(StandardCharsets.UTF_8))));
        assertThat(lint(dir)).filteredOn(f -> f.ruleId().equals("routes-single-dns-name")).singleElement()
                .satisfies(f -> assertThat(f.position().line()).isEqualTo(5));
        Files.writeString(dir.resolve("cm.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata: { name: x }\nbinaryData:\n  nats.conf: '%%%'\n");
        assertThat(lint(dir)).singleElement().satisfies(f -> {
            assertThat(f.ruleId()).isEqualTo("manifest-parse-error");
            assertThat(f.message()).contains("ConfigMap binaryData is not valid base64");
        });
    }
}
