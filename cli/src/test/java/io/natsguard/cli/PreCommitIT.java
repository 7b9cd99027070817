package io.natsguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.natsguard.testing.NatsguardProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hook of .pre-commit-hooks.yaml with the real pre-commit, in a throw-away Git repository:
 * natsguard installed on PATH as the README says; a commit of a bad config is refused and shows the
 * finding, a good one goes through, and the verdict is lint's.
 */
class PreCommitIT {

    private static final Path HOME = NatsguardProcess.launcher().getParent().getParent();

    @TempDir
    Path tmp;
    private Path repo;
    private Map<String, String> env;

    private record Run(int exitCode, String output) {
    }

    @BeforeEach
    void installAndInit() throws Exception {
        assertThat(exec(tmp, Map.of(), "pre-commit", "--version").exitCode())
                .as("pre-commit must be installed (apt-get install pre-commit; .ci/run does)").isZero();
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Files.createSymbolicLink(bin.resolve("natsguard"), NatsguardProcess.launcher());
        env = Map.of("PATH", bin + ":" + System.getenv("PATH"), "PRE_COMMIT_HOME", tmp.resolve("pre-commit-home").toString(),
                "NATSGUARD_CACHE_DIR", NatsguardProcess.CACHE.toString(),
                "GIT_AUTHOR_NAME", "t", "GIT_AUTHOR_EMAIL", "t@example.com",
                "GIT_COMMITTER_NAME", "t", "GIT_COMMITTER_EMAIL", "t@example.com");
        repo = Files.createDirectories(tmp.resolve("repo"));
        assertThat(exec(repo, env, "git", "init", "-q").exitCode()).isZero();
    }

    /** The hook of this repository's HEAD, installed in the throw-away repository. */
    private void installHook() throws Exception {
        String rev = exec(HOME, env, "git", "rev-parse", "HEAD").output().strip();
        Files.writeString(repo.resolve(".pre-commit-config.yaml"), """
                repos:
                - repo: %s
                  rev: %s
                  hooks:
                  - id: natsguard
                """.formatted(HOME, rev));
        assertThat(exec(repo, env, "pre-commit", "install").exitCode()).isZero();
    }

    @Test
    void aBadConfigIsBlockedAndAGoodOnePasses() throws Exception {
        installHook();

        Files.copy(HOME.resolve("examples/bad/single-service-route.yaml"), repo.resolve("nats.yaml"));
        exec(repo, env, "git", "add", "-A");
        Run blocked = exec(repo, env, "git", "commit", "-q", "-m", "bad");
        assertThat(blocked.exitCode()).as(blocked.output()).isNotZero();
        assertThat(blocked.output()).contains("nats.yaml:27:9: error [routes-single-dns-name]");
        assertThat(exec(repo, env, "git", "log", "--oneline").output()).doesNotContain("bad");

        Files.writeString(repo.resolve("nats.yaml"), Files.readString(HOME.resolve("examples/good/statefulset.yaml")));
        exec(repo, env, "git", "add", "-A");
        Run passed = exec(repo, env, "git", "commit", "-q", "-m", "good");
        assertThat(passed.exitCode()).as(passed.output()).isZero();
        assertThat(exec(repo, env, "git", "log", "--oneline").output()).contains("good");
    }

    @Test
    void aCommitOfOnlyTheScaledStatefulSetMeetsTheConfigMapBesideIt() throws Exception {
        installHook();
        Path nats = Files.createDirectories(repo.resolve("nats"));
        Files.writeString(nats.resolve("configmap.yaml"), """
                apiVersion: v1
                kind: ConfigMap
                metadata: { name: nats-config, namespace: nats }
                data:
                  nats.conf: |
                    cluster {
                      name: nats
                      port: 6222
                      routes = [ nats://nats-0.nats:6222, nats://nats-1.nats:6222, nats://nats-2.nats:6222 ]
                      tls { cert_file: /tls/tls.crt, key_file: /tls/tls.key, ca_file: /tls/ca.crt }
                    }
                """);
        String statefulSet = """
                apiVersion: apps/v1
                kind: StatefulSet
                metadata: { name: nats, namespace: nats }
                spec:
                  serviceName: nats
                  selector: { matchLabels: { app: nats } }
                  replicas: %d
                  template:
                    spec:
                      containers:
                      - { name: nats, image: "nats:2.10", args: [ -c, /etc/nats/nats.conf ], volumeMounts: [ { name: config, mountPath: /etc/nats } ] }
                      volumes: [ { name: config, configMap: { name: nats-config } } ]
                """;
        Files.writeString(nats.resolve("statefulset.yaml"), statefulSet.formatted(3));
        exec(repo, env, "git", "add", "-A");
        Run three = exec(repo, env, "git", "commit", "-q", "-m", "three servers");
        assertThat(three.exitCode()).as(three.output()).isZero();

        Files.writeString(nats.resolve("statefulset.yaml"), statefulSet.formatted(5));
        exec(repo, env, "git", "add", "nats/statefulset.yaml");
        Run five = exec(repo, env, "git", "commit", "-q", "-m", "five servers");
        assertThat(five.exitCode()).as(five.output()).isNotZero();
        assertThat(five.output()).contains("nats/configmap.yaml:9:7: error [routes-incomplete] the route list does not match "
                + "the 5 replicas of StatefulSet nats/nats", "(see nats/statefulset.yaml:7:3, nats/statefulset.yaml:1:1)");
        assertThat(exec(repo, env, "git", "log", "--oneline").output()).doesNotContain("five servers");
    }

    @Test
    void anNginxConfOrAChartTemplateCommittedAloneIsNoParseErrorAndTheTemplateIsCheckedThroughItsChart() throws Exception {
        installHook();
        Path nginx = Files.createDirectories(repo.resolve("web"));
        Files.writeString(nginx.resolve("nginx.conf"), "user nginx;\nevents { worker_connections 1024; }\n"
                + "http { include /etc/nginx/mime.types; server { listen 80; } }\n");
        exec(repo, env, "git", "add", "-A");
        Run web = exec(repo, env, "git", "commit", "-q", "-m", "nginx");
        assertThat(web.exitCode()).as(web.output()).isZero();

        Path mini = HOME.resolve("core/src/test/resources/charts/nats-mini");
        Path chart = Files.createDirectories(repo.resolve("charts/nats/templates"));
        Files.copy(mini.resolve("Chart.yaml"), chart.resolveSibling("Chart.yaml"));
        Files.copy(mini.resolve("per-pod-values.yaml"), chart.resolveSibling("values.yaml"));
        Files.copy(mini.resolve("templates/nats.yaml"), chart.resolve("nats.yaml"));
        exec(repo, env, "git", "add", "-A");
        Run clean = exec(repo, env, "git", "commit", "-q", "-m", "chart");
        assertThat(clean.exitCode()).as(clean.output()).isZero();

        // only the template changes, and pre-commit names only it: the chart is rendered, its routes checked
        String template = Files.readString(chart.resolve("nats.yaml"));
        Files.writeString(chart.resolve("nats.yaml"), template.replace("{{ tpl . $ }}", "nats://{{ $.Release.Name }}-headless:6222"));
        exec(repo, env, "git", "add", "-A");
        Run blocked = exec(repo, env, "git", "commit", "-q", "-m", "one service route");
        assertThat(blocked.exitCode()).as(blocked.output()).isNotZero();
        assertThat(blocked.output()).contains("charts/nats (helm template):").contains("error [routes-single-dns-name]")
                .doesNotContain("parse-error");
    }

    @Test
    void tryRepoRunsTheWorkingTreesHookWithLintsVerdict() throws Exception {
        Files.copy(HOME.resolve("examples/bad/nats-typos.conf"), repo.resolve("nats.conf"));
        exec(repo, env, "git", "add", "-A");
        Run hook = exec(repo, env, "pre-commit", "try-repo", HOME.toString(), "natsguard", "--all-files");
        Run lint = exec(repo, env, tmp.resolve("bin/natsguard").toString(), "lint", "nats.conf");
        assertThat(hook.exitCode()).isEqualTo(1);
        assertThat(lint.exitCode()).isEqualTo(1);
        for (String line : lint.output().lines().filter(l -> l.contains(" [")).toList()) {
            assertThat(hook.output()).contains(line);
        }
    }

    private static Run exec(Path dir, Map<String, String> env, String... command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(List.of(command)).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().putAll(env);
        Path out = Files.createTempFile("precommit", ".out");
        try {
            Process process = builder.redirectOutput(out.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            if (!process.waitFor(3, TimeUnit.MINUTES)) {
                process.destroyForcibly().waitFor();
                throw new AssertionError(String.join(" ", command) + " hung");
            }
            return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
        }
    }
}
