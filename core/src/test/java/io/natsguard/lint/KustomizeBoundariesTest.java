package io.natsguard.lint;

import static org.assertj.core.api.Assertions.assertThat;

import io.natsguard.policy.Policy;
import io.natsguard.report.Finding;
import io.natsguard.report.Report;
import io.natsguard.testing.ConnectionCounter;
import io.natsguard.testing.Corpus;
import io.natsguard.testing.Git;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A kustomization from a pull request cannot make natsguard fetch anything or read outside the git
 * work tree it scans: each remote resource, and each path out of the work tree, is a limit-exceeded
 * finding at its line, and the rest of the kustomization is built (with the real kubectl) and
 * checked as before. The remote URLs name a loopback server that counts every connection.
 */
class KustomizeBoundariesTest {

    @TempDir
    Path tmp;

    private Path repository;
    private Path kustomize;
    private ConnectionCounter server;

    @BeforeEach
    void checkOut() {
        server = new ConnectionCounter();
        repository = tmp.resolve("repository");
        kustomize = Corpus.inWorkTree("gitops/kustomize", repository);
    }

    @AfterEach
    void stopServer() throws InterruptedException {
        server.close();
    }

    private static Report lint(Path dir) throws Exception {
        return lint(dir, Policy.defaults());
    }

    private static Report lint(Path dir, Policy policy) throws Exception {
        return new Linter(policy).lint(List.of(dir.toString()), new ByteArrayInputStream(new byte[0]));
    }

    /** An overlay beside the corpus's own, on the corpus base. */
    private Path overlay(String name, String kustomization) throws Exception {
        Path dir = Files.createDirectories(kustomize.resolve("overlays").resolve(name));
        Files.writeString(dir.resolve("kustomization.yaml"), kustomization.replace("SERVER", server.address()));
        return dir;
    }

    /** "file:line" of each limit-exceeded finding. */
    private static List<String> limits(Report report) {
        return report.findings().stream().filter(f -> f.ruleId().equals("limit-exceeded"))
                .map(f -> f.position().file() + ":" + f.position().line()).toList();
    }

    /** The base alone is flagged for routes without TLS: the overlay still built it when this finding is there. */
    private void assertTheBaseWasChecked(Report report) {
        assertThat(report.findings()).filteredOn(f -> f.ruleId().equals("cluster-tls-missing")).singleElement()
                .satisfies(f -> assertThat(f.position().file()).isEqualTo(kustomize.resolve("base/configmap.yaml").toString()));
    }

    @Test
    void remoteResourcesAreNeverFetchedEachIsAFindingAtItsLineAndTheRestIsChecked() throws Exception {
        Path bare = Git.bareRepository(tmp.resolve("remote.git"), Map.of("base/kustomization.yaml", "resources: [nats.yaml]\n",
                "base/nats.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: remote-nats}\n"
                        + "data:\n  nats.conf: |\n    cluster { routes: [ nats://remote-headless:6222 ] }\n"));
        Path dir = overlay("remote", """
                resources:
                - ../../base
                - http://SERVER/nats.yaml
                - https://robot:s3cret-token@SERVER/org/repo.git//nats?ref=main
                - github.com/nats-io/k8s//helm/charts/nats?ref=main
                - git::file://BARE//base?ref=main
                - git@github.com:nats-io/k8s.git
                - ssh://git@SERVER/org/repo.git
                components:
                - https://SERVER/org/components.git//tls
                patches:
                - path: http://SERVER/patch.yaml
                configMapGenerator:
                - name: extra
                  files:
                  - extra.conf=http://SERVER/extra.conf
                """.replace("BARE", bare.toString()));
        Report report = lint(dir);

        assertThat(server.connections()).isZero();
        String kustomization = dir.resolve("kustomization.yaml").toString();
        assertThat(limits(report)).containsExactly(kustomization + ":3", kustomization + ":4", kustomization + ":5",
                kustomization + ":6", kustomization + ":7", kustomization + ":8", kustomization + ":10",
                kustomization + ":12", kustomization + ":16");
        assertThat(report.findings()).filteredOn(f -> f.ruleId().equals("limit-exceeded"))
                .allSatisfy(f -> assertThat(f.message()).startsWith("remote resource ").doesNotContain("s3cret-token"));
        assertThat(report.findings()).noneMatch(f -> f.message().contains("remote-headless"));
        assertTheBaseWasChecked(report);
    }

    /** The credentials of a remote URL are never printed: a token of 200 characters, a password holding '@'. */
    @Test
    void theCredentialsOfARemoteResourceAreInNoFinding() throws Exception {
        String token = "T0KEN".repeat(40);
        Path dir = overlay("credentials", """
                resources:
                - ../../base
                - https://x-access-token:TOKEN@SERVER/org/repo.git//nats?ref=main
                - https://TOKEN@SERVER/org/repo.git//nats?ref=main
                - https://robot:p@ss-w0rd@SERVER/org/repo.git//nats?ref=main
                """.replace("TOKEN", token));
        Report report = lint(dir);

        assertThat(server.connections()).isZero();
        assertThat(report.findings()).filteredOn(f -> f.ruleId().equals("limit-exceeded")).hasSize(3).allSatisfy(f ->
                assertThat(f.message()).startsWith("remote resource https://***@" + server.address() + "/org/repo.git")
                        .doesNotContain("T0KEN").doesNotContain("ss-w0rd"));
        assertTheBaseWasChecked(report);
    }

    @Test
    void generatorAndTransformerConfigsThatReadRemoteFilesAreLeftOut() throws Exception {
        Path dir = overlay("remote-configs", """
                resources:
                - ../../base
                transformers:
                - remote-patch.yaml
                - |
                  apiVersion: builtin
                  kind: PatchTransformer
                  metadata: {name: inline}
                  path: http://SERVER/inline.yaml
                generators:
                - http://SERVER/generator.yaml
                """);
        Files.writeString(dir.resolve("remote-patch.yaml"), """
                apiVersion: builtin
                kind: PatchTransformer
                metadata:
                  name: remote
                path: http://SERVER/patch.yaml
                """.replace("SERVER", server.address()));
        Report report = lint(dir);

        assertThat(server.connections()).isZero();
        assertThat(limits(report)).containsExactly(dir.resolve("kustomization.yaml") + ":5",
                dir.resolve("kustomization.yaml") + ":11", dir.resolve("remote-patch.yaml") + ":5");
        assertTheBaseWasChecked(report);
    }

    @Test
    void everyFieldThatNamesAFileIsCheckedInKustomizationsAndInBuiltInConfigs() throws Exception {
        Path dir = overlay("every-field", """
                resources:
                - ../../base
                bases:
                - http://SERVER/bases
                crds:
                - http://SERVER/crd.yaml
                configurations:
                - http://SERVER/configuration.yaml
                patchesStrategicMerge:
                - http://SERVER/strategic.yaml
                patchesJson6902:
                - target: {kind: StatefulSet, name: nats}
                  path: http://SERVER/json6902.yaml
                replacements:
                - path: http://SERVER/replacements.yaml
                openapi:
                  path: http://SERVER/openapi.json
                secretGenerator:
                - name: secret
                  env: http://SERVER/secret.env
                validators:
                - http://SERVER/validator.yaml
                transformers:
                - configs.yaml
                """);
        Files.writeString(dir.resolve("configs.yaml"), """
                apiVersion: builtin
                kind: ConfigMapGenerator
                metadata: {name: generated}
                files:
                - http://SERVER/generated.conf
                ---
                apiVersion: builtin
                kind: PatchStrategicMergeTransformer
                metadata: {name: strategic}
                paths:
                - http://SERVER/strategic-config.yaml
                ---
                apiVersion: builtin
                kind: ReplacementTransformer
                metadata: {name: replace}
                replacements:
                - path: http://SERVER/replacements-config.yaml
                """.replace("SERVER", server.address()));
        Report report = lint(dir);

        assertThat(server.connections()).isZero();
        String kustomization = dir.resolve("kustomization.yaml").toString();
        String configs = dir.resolve("configs.yaml").toString();
        assertThat(limits(report)).containsExactly(configs + ":5", configs + ":11", configs + ":17",
                kustomization + ":4", kustomization + ":6", kustomization + ":8", kustomization + ":10",
                kustomization + ":13", kustomization + ":15", kustomization + ":17", kustomization + ":20",
                kustomization + ":22");
        assertTheBaseWasChecked(report);
    }

    @Test
    void aLocalTransformerConfigAndTheFilesItReadsAreBuilt() throws Exception {
        Path dir = overlay("local-transformer", """
                resources:
                - ../../base
                transformers:
                - replicas.yaml
                """);
        Files.writeString(dir.resolve("replicas.yaml"), """
                apiVersion: builtin
                kind: PatchTransformer
                metadata:
                  name: five-replicas
                path: replicas-patch.yaml
                target:
                  kind: StatefulSet
                """);
        Files.writeString(dir.resolve("replicas-patch.yaml"), "- op: replace\n  path: /spec/replicas\n  value: 5\n");
        Report report = lint(dir);

        assertThat(report.findings()).filteredOn(f -> f.ruleId().equals("routes-incomplete")).singleElement()
                .satisfies(f -> assertThat(f.position().file()).isEqualTo(kustomize.resolve("base/configmap.yaml").toString()));
        assertThat(limits(report)).isEmpty();
    }

    @Test
    void keysMatchWhateverTheirCaseAndTaggedValuesAreRefusedAsKustomizeWouldReadThemOtherwise() throws Exception {
        Path folded = overlay("folded", "reſources:\n- ../../base\n- http://SERVER/folded.yaml\n");
        Path binary = overlay("binary", "resources:\n- ../../base\n- !!binary "
                + Base64.getEncoder().encodeToString(("http://" + server.address() + "/x.yaml").getBytes(StandardCharsets.UTF_8)) + "\n");

        Report foldedReport = lint(folded);
        Report binaryReport = lint(binary);

        assertThat(server.connections()).isZero();
        assertThat(limits(foldedReport)).containsExactly(folded.resolve("kustomization.yaml") + ":3");
        assertTheBaseWasChecked(foldedReport);
        assertThat(binaryReport.findings()).singleElement().satisfies(f -> {
            assertThat(f.ruleId()).isEqualTo("limit-exceeded");
            assertThat(f.position().line()).isEqualTo(3);
            assertThat(f.message()).contains("tag:yaml.org,2002:binary").contains("plain YAML");
        });
    }

    @Test
    void pathsOutOfTheWorkTreeAreNotReadEachIsAFindingAtItsLine() throws Exception {
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Files.writeString(outside.resolve("kustomization.yaml"), "resources: [secret.yaml]\n");
        Files.writeString(outside.resolve("secret.yaml"), "apiVersion: v1\nkind: Secret\nmetadata: {name: runner}\n"
                + "stringData: {token: OUTSIDE-SECRET}\n");
        Files.writeString(outside.resolve("secret.env"), "TOKEN=OUTSIDE-SECRET\n");
        Path dir = overlay("escapes", """
                resources:
                - ../../base
                - ../../../../outside
                - OUTSIDE/secret.yaml
                - link.yaml
                - CLIMB
                patches:
                - path: ../../../../outside/secret.yaml
                configMapGenerator:
                - name: env
                  envs:
                  - ../../../../outside/secret.env
                """.replace("OUTSIDE", outside.toString())
                .replace("CLIMB", "../".repeat(64) + kustomize.resolve("base/service-headless.yaml").toString().substring(1)));
        Files.createSymbolicLink(dir.resolve("link.yaml"), outside.resolve("secret.yaml"));
        Report report = lint(dir);

        String kustomization = dir.resolve("kustomization.yaml").toString();
        assertThat(limits(report)).containsExactly(kustomization + ":3", kustomization + ":4", kustomization + ":5",
                kustomization + ":6", kustomization + ":8", kustomization + ":12");
        assertThat(report.findings()).filteredOn(f -> f.ruleId().equals("limit-exceeded")).extracting(Finding::message)
                .anySatisfy(m -> assertThat(m).contains("outside the scanned folders (" + repository + ")"))
                .anySatisfy(m -> assertThat(m).contains("an absolute path"))
                .anySatisfy(m -> assertThat(m).contains("a link out of " + repository))
                .anySatisfy(m -> assertThat(m).contains("climbs above the file system's root"));
        assertThat(report.texts().values()).noneMatch(text -> text.contains("OUTSIDE-SECRET"));
        assertThat(report.findings()).noneMatch(f -> f.message().contains("OUTSIDE-SECRET")
                || f.position().file().startsWith(outside.toString()));
        assertTheBaseWasChecked(report);
    }

    @Test
    void aKustomizationNatsguardCannotReadIsOneFindingWhereItStops() throws Exception {
        Path broken = overlay("broken", "resources:\n- ../../base\n- [unclosed\n");
        Path merged = overlay("merged", "openapi: &shared {}\nresources:\n- ../../base\n<<: *shared\n");

        assertThat(lint(broken).findings()).singleElement().satisfies(f -> {
            assertThat(f.ruleId()).isEqualTo("manifest-parse-error");
            assertThat(f.position().file()).isEqualTo(broken.resolve("kustomization.yaml").toString());
            assertThat(f.position().line()).isEqualTo(4);
            assertThat(f.message()).contains("YAML does not parse");
        });
        assertThat(lint(merged).findings()).singleElement().satisfies(f -> {
            assertThat(f.ruleId()).isEqualTo("limit-exceeded");
            assertThat(f.position().toString()).isEqualTo(merged.resolve("kustomization.yaml") + ":4:1");
            assertThat(f.message()).contains("a YAML merge key (<<)");
        });
    }

    @Test
    void foldersAndPathsNatsguardDoesNotFollowAreLeftOutAtTheirLines() throws Exception {
        Path outside = Files.writeString(Files.createDirectories(tmp.resolve("outside")).resolve("kustomization.yaml"),
                "resources: []\n");
        Path linked = Files.createDirectories(kustomize.resolve("linked-base"));
        Files.createSymbolicLink(linked.resolve("kustomization.yaml"), outside);
        Files.createDirectories(kustomize.resolve("transformers"));
        Path dir = overlay("not-followed", """
                resources:
                - ../../base
                - ../../linked-base
                - "nul\\0byte.yaml"
                transformers:
                - ../../transformers
                """);
        Report report = lint(dir);

        assertThat(report.findings()).filteredOn(f -> f.ruleId().equals("limit-exceeded"))
                .extracting(f -> f.position().line() + " " + f.message()).containsExactly(
                        "3 the kustomization of " + kustomize.resolve("linked-base") + " left out of the build, not read: a link out of "
                                + repository + ": not checked further.",
                        "4 nul\0byte.yaml left out of the build: not a file path: not checked further.",
                        "6 ../../transformers left out of the build: a folder of generator or transformer configs, "
                                + "which natsguard does not build: not checked further.");
        assertThat(report.findings()).allSatisfy(f -> assertThat(f.position().file()).isNotEqualTo(outside.toString()));
        assertTheBaseWasChecked(report);
    }

    @Test
    @Timeout(60)
    void aPipeIsNeverReadSoNothingWaitsOnIt() throws Exception {
        Path dir = overlay("pipe", "resources:\n- ../../base\n- pipe.yaml\n");
        Process mkfifo = new ProcessBuilder("mkfifo", dir.resolve("pipe.yaml").toString()).inheritIO().start();
        assertThat(mkfifo.waitFor()).isZero();

        assertThat(lint(dir).findings()).singleElement().satisfies(f -> {
            assertThat(f.ruleId()).isEqualTo("manifest-parse-error");
            assertThat(f.message()).contains("kubectl kustomize failed").contains(dir.resolve("pipe.yaml").toString());
        });
    }

    @Test
    void aFileAndABuildPastTheSizeBoundAreFindingsNamingTheBound() throws Exception {
        Policy policy = Policy.load(Files.writeString(tmp.resolve("policy.conf"), "limits { max-file-size = 8KiB }\n"));
        Path bigFile = overlay("big-file", "resources:\n- ../../base\n- big.yaml\n");
        Files.writeString(bigFile.resolve("big.yaml"), configMap("big", 10_000));
        Path bigBuild = overlay("big-build", "resources:\n- ../../base\n- a.yaml\n- b.yaml\n");
        Files.writeString(bigBuild.resolve("a.yaml"), configMap("a", 4_000));
        Files.writeString(bigBuild.resolve("b.yaml"), configMap("b", 4_000));

        Report fileReport = lint(bigFile, policy);
        Report buildReport = lint(bigBuild, policy);

        assertThat(fileReport.findings()).filteredOn(f -> f.ruleId().equals("limit-exceeded")).singleElement().satisfies(f -> {
            assertThat(f.position().toString()).isEqualTo(bigFile.resolve("kustomization.yaml") + ":3:3");
            assertThat(f.message()).contains("is larger than 8 KiB (natsguard's bound limits.max-file-size)");
        });
        assertTheBaseWasChecked(fileReport);
        assertThat(buildReport.findings()).singleElement().satisfies(f -> {
            assertThat(f.ruleId()).isEqualTo("limit-exceeded");
            assertThat(f.position().toString()).isEqualTo(bigBuild.resolve("kustomization.yaml") + ":1:1");
            assertThat(f.message()).contains("the output of kubectl kustomize is larger than 8 KiB");
        });
    }

    private static String configMap(String name, int fillerBytes) {
        return "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: " + name + "}\ndata: {filler: " + "x".repeat(fillerBytes) + "}\n";
    }

    @Test
    void aRemoteResourceKeptOnPurposeCanBeSuppressedOnItsLine() throws Exception {
        Path dir = overlay("vendored", """
                resources:
                - ../../base
                # natsguard:ignore limit-exceeded the upstream base is reviewed and pinned (NET-7)
                - https://SERVER/org/base.git//nats?ref=v1.2.3
                """);
        Report report = lint(dir);

        assertThat(report.all()).filteredOn(f -> f.ruleId().equals("limit-exceeded")).singleElement().satisfies(f -> {
            assertThat(f.position().line()).isEqualTo(4);
            assertThat(f.suppression().reason()).isEqualTo("the upstream base is reviewed and pinned (NET-7)");
        });
        assertThat(limits(report)).isEmpty();
        assertThat(server.connections()).isZero();
    }
}
