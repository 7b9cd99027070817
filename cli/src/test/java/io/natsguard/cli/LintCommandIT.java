package io.natsguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.natsguard.testing.NatsguardProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bin/natsguard lint} as users run it: the README's example tree, exit codes, formats, outputs, stdin. */
class LintCommandIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path HOME = NatsguardProcess.launcher().getParent().getParent();
    /** In examples/bad, a comment "# rule-a, rule-b: why" says which findings the next line must give. */
    private static final Pattern PLANTED = Pattern.compile("#\\s*([a-z]+(?:-[a-z]+)+(?:,\\s*[a-z]+(?:-[a-z]+)+)*):");

    @TempDir
    Path tmp;

    @Test
    void theExampleTreeGivesEachPlantedFindingAndNothingOnTheGoodFiles() throws Exception {
        NatsguardProcess.Result result = NatsguardProcess.run(HOME, Map.of(), "lint", "examples", "--format", "json");
        assertThat(result.exitCode()).as(result.stderr()).isEqualTo(1);
        Set<String> found = new TreeSet<>();
        for (JsonNode f : JSON.readTree(result.stdout()).get("findings")) {
            found.add(f.get("file").asText() + ":" + f.get("line").asInt() + " " + f.get("rule").asText());
        }
        assertThat(found).isEqualTo(planted(HOME.resolve("examples/bad")));
        assertThat(found).noneMatch(f -> f.startsWith("examples/good"));
    }

    @Test
    void exitCodesFollowFailOn() throws Exception {
        Path warnOnly = Files.writeString(tmp.resolve("nats.conf"), "write_deadline: \"10m\"\n");
        assertThat(lint("lint", warnOnly.toString()).exitCode()).isZero();
        assertThat(lint("lint", "--fail-on", "warning", warnOnly.toString()).exitCode()).isEqualTo(1);
        assertThat(lint("lint", "--fail-on", "never", "examples/bad").exitCode()).isZero();
        assertThat(lint("lint", "examples/good").exitCode()).isZero();
        NatsguardProcess.Result missing = lint("lint", "no/such/dir");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.stderr().strip()).isEqualTo("natsguard lint: no/such/dir: no such file or directory");
        assertThat(lint("lint", "--fail-on", "INFO", "examples/good").exitCode()).as("any case").isZero();
        NatsguardProcess.Result level = lint("lint", "--fail-on", "sometimes", "examples");
        assertThat(level.exitCode()).isEqualTo(2);
        assertThat(level.stderr()).contains("Invalid value for option '--fail-on': expected one of [ERROR, WARNING, INFO, NEVER] "
                + "(case-insensitive) but was 'sometimes'").doesNotContain("\tat ");
        NatsguardProcess.Result format = lint("lint", "--format", "xml", "examples");
        assertThat(format.exitCode()).isEqualTo(2);
        assertThat(format.stderr()).contains("Invalid value for option '--format': unknown format 'xml' (text, json, sarif, junit, github)")
                .doesNotContain("\tat ");
    }

    @Test
    void anInvalidPolicyIsExitTwoNamingFileAndLine() throws Exception {
        Path policy = Files.writeString(tmp.resolve("policy.conf"), "rules {\n  no-such-rule { enabled = false }\n}\n");
        NatsguardProcess.Result result = lint("lint", "--policy", policy.toString(), "examples");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stderr().strip()).isEqualTo("natsguard lint: " + policy + ":2: unknown rule 'no-such-rule' (natsguard rules lists them)");
    }

    @Test
    void severalFormatsAndOutputsInOneRunWithPureStdout() throws Exception {
        Path sarif = tmp.resolve("out.sarif");
        Path json = tmp.resolve("out.json");
        NatsguardProcess.Result result = lint("lint", "--format", "sarif", "--output", sarif.toString(),
                "--format", "json", "-o", json.toString(), "--format", "text", "examples/bad");
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(JSON.readTree(Files.readString(sarif)).at("/runs/0/results")).hasSize(12);
        assertThat(JSON.readTree(Files.readString(json)).at("/summary/errors").asInt()).isEqualTo(9);
        assertThat(result.stdout()).contains("error [routes-single-dns-name]").contains("natsguard: ");
        NatsguardProcess.Result jsonOnStdout = lint("lint", "--format", "json", "examples/bad");
        assertThat(JSON.readTree(jsonOnStdout.stdout()).get("findings").isArray()).isTrue();
        assertThat(jsonOnStdout.stderr()).isEmpty();
    }

    @Test
    void aKustomizeDirectoryWithoutKubectlIsExitTwoNamingWhatToInstall() throws Exception {
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        for (String tool : List.of("bash", "readlink")) {
            Files.createSymbolicLink(bin.resolve(tool), Path.of("/usr/bin", tool).toRealPath());
        }
        Path kustomization = Files.createDirectories(tmp.resolve("k"));
        Files.writeString(kustomization.resolve("kustomization.yaml"), "resources: []\n");
        NatsguardProcess.Result result = NatsguardProcess.run(HOME, Map.of("PATH", bin.toString()), "lint", kustomization.toString());
        assertThat(result.exitCode()).as(result.stderr()).isEqualTo(2);
        assertThat(result.stderr()).contains("is a Kustomize directory; building it needs kubectl");
    }

    @Test
    void standardInputIsRead() throws Exception {
        Path manifest = HOME.resolve("examples/bad/single-service-route.yaml");
        NatsguardProcess.Result result = NatsguardProcess.runWithInput(HOME, Files.readString(manifest), "lint", "-");
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.stdout()).contains("<stdin>:27:9: error [routes-single-dns-name]");
    }

    @Test
    void confFilesThatAreNotNatsConfigurationAreCountedAndListedUnderVerbose() throws Exception {
        Path etc = Files.createDirectories(tmp.resolve("etc"));
        Files.writeString(etc.resolve("nginx.conf"), "user nginx;\nworker_processes auto;\nevents { worker_connections 1024; }\n");
        Files.writeString(etc.resolve("redis.conf"), "port: 6379\nbind: 127.0.0.1\ndatabases: 16\n");
        Files.writeString(etc.resolve("srv_a.conf"), "listen: 127.0.0.1:7222\n"
                + "cluster { name: abc, listen: 127.0.0.1:7244, routes = [ nats-route://ruser:top_secret@127.0.0.1:7246 ] }\n");
        NatsguardProcess.Result plain = lint("lint", etc.toString());
        assertThat(plain.exitCode()).as(plain.stderr()).isEqualTo(1);
        assertThat(plain.stdout()).contains(etc.resolve("srv_a.conf") + ":2:").contains("[route-credentials-plaintext]")
                .doesNotContain("top_secret").doesNotContain("nginx.conf:").doesNotContain("redis.conf:");
        assertThat(plain.stdout().strip().lines().reduce((a, b) -> b).orElseThrow())
                .endsWith("checked); 2 .conf files are not NATS configuration (--verbose says why)");
        assertThat(plain.stderr()).isEmpty();

        NatsguardProcess.Result verbose = lint("lint", "--verbose", etc.toString());
        assertThat(verbose.stdout()).isEqualTo(plain.stdout());
        assertThat(verbose.stderr().lines()).containsExactlyInAnyOrder(
                etc.resolve("nginx.conf") + ": not checked, not NATS configuration: it sets no nats-server option (its keys: user, "
                        + "worker_processes, events)",
                etc.resolve("redis.conf") + ": not checked, not NATS configuration: it sets fewer nats-server options (port) than "
                        + "other keys (bind, databases)");

        JsonNode summary = JSON.readTree(lint("lint", "--format", "json", etc.toString()).stdout()).get("summary");
        assertThat(summary.get("not_nats").asInt()).isEqualTo(2);
        assertThat(summary.get("configs").asInt()).isEqualTo(1);

        // named on its own, as pre-commit names it, an nginx.conf is left alone just the same
        NatsguardProcess.Result named = lint("lint", etc.resolve("nginx.conf").toString());
        assertThat(named.exitCode()).isZero();
        assertThat(named.stdout()).isEqualTo("natsguard: no findings (1 file, 0 objects, 0 NATS configs checked); "
                + "1 .conf file is not NATS configuration (--verbose says why)\n");
    }

    @Test
    void natsVersionJudgesAConfigWithoutAWorkloadByTheReleaseTheUserNames() throws Exception {
        Path conf = tmp.resolve("nats.conf");
        Files.writeString(conf, "port: 4222\ncluster { name: c, port: 6222, pool_size: 3 }\n");
        assertThat(lint("lint", conf.toString()).stdout()).as("the newest release knows pool_size").doesNotContain("[unknown-field]");

        NatsguardProcess.Result old = lint("lint", "--nats-version", "2.9.22", conf.toString());
        assertThat(old.exitCode()).isEqualTo(1);
        assertThat(old.stdout()).contains(conf + ":2:32: error [unknown-field] unknown field \"pool_size\" in the cluster block: "
                + "pool_size came in nats-server after 2.9.10 (2.10.27 accepts it) and the servers run 2.9.22 (--nats-version), "
                + "which refuses to start on it. Run 2.10.27 or later, or remove it.");
        assertThat(lint("lint", "--nats-version", "2.10", conf.toString()).stdout()).doesNotContain("[unknown-field]");

        NatsguardProcess.Result bad = lint("lint", "--nats-version", "latest", conf.toString());
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.stderr()).contains("'latest' is no nats-server release: write one such as 2.10 or 2.10.24");
    }

    private NatsguardProcess.Result lint(String... args) throws Exception {
        return NatsguardProcess.run(HOME, Map.of(), args);
    }

    private static Set<String> planted(Path dir) throws Exception {
        Set<String> expected = new TreeSet<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(Files::isRegularFile).filter(p -> !p.toString().endsWith(".md")).toList()) {
                List<String> lines = Files.readAllLines(file);
                for (int i = 0; i < lines.size(); i++) {
                    Matcher m = PLANTED.matcher(lines.get(i));
                    if (m.find()) {
                        for (String rule : m.group(1).split(",\\s*")) {
                            expected.add(HOME.relativize(file) + ":" + (i + 2) + " " + rule);
                        }
                    }
                }
            }
        }
        return expected;
    }
}
