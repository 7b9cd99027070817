package io.natsguard.fix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.difflib.DiffUtils;
import com.github.difflib.patch.AbstractDelta;
import io.natsguard.edit.ConfText;
import io.natsguard.lint.Inputs;
import io.natsguard.lint.Linter;
import io.natsguard.policy.Policy;
import io.natsguard.report.Finding;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.yaml.snakeyaml.Yaml;

/**
 * natsguard fix on the fixture set (src/test/resources/fix): each file comes out byte for byte as
 * its golden {@code <name>.fixed} beside it says (a file without one is left as it is), lint then
 * finds none of the fixed rules, the configs still parse (natsguard's parser, and Debian's
 * nats-server -t where the config is whole), every line outside the changed ones is byte-identical,
 * and a second fix changes nothing.
 */
class FixTest {

    private static final Path FIXTURES = Path.of("src/test/resources/fix");
    private static final String GOLDEN = ".fixed";

    @TempDir
    Path dir;

    private Path copy(String fixture) throws IOException {
        Path target = Files.createDirectories(dir.resolve(fixture));
        for (Path file : inputs(fixture)) {
            Files.copy(file, target.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
        return target;
    }

    /** The fixture's files, without their golden outputs. */
    private static List<Path> inputs(String fixture) throws IOException {
        try (Stream<Path> files = Files.list(FIXTURES.resolve(fixture))) {
            return files.filter(file -> !file.toString().endsWith(GOLDEN)).sorted().toList();
        }
    }

    private static Path golden(Path input) {
        return input.resolveSibling(input.getFileName() + GOLDEN);
    }

    private static Fixer.Plan plan(Path tree) throws Exception {
        return new Fixer(Policy.defaults()).plan(Inputs.read(List.of(tree.toString()), new ByteArrayInputStream(new byte[0])));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            configmap           | duration-unquoted routes-single-dns-name
            configmap-no-routes | routes-missing
            args                | routes-single-dns-name
            conf                | duration-unquoted
            credentials         | routes-single-dns-name
            helmrelease         | routes-single-dns-name
            application         | routes-incomplete
            umbrella            | routes-single-dns-name
            """)
    void aFixedTreeIsTheGoldenOutputLintsCleanOfTheFixedRulesAndKeepsEverythingElse(String fixture, String rules) throws Exception {
        Path tree = copy(fixture);
        Fixer.Plan plan = plan(tree);
        Set<String> fixedRules = plan.fixed().stream().map(Finding::ruleId).collect(Collectors.toSet());
        assertThat(fixedRules).containsExactlyInAnyOrder(rules.split(" "));
        for (Fixer.FileChange change : plan.changes()) {
            onlyTheEditedLinesDiffer(change);
            Rewrite.write(change);
            assertThat(Files.readString(Path.of(change.file()))).isEqualTo(change.after());
        }
        List<Path> inputs = inputs(fixture);
        assertThat(inputs).as("the golden outputs of %s", fixture).anyMatch(input -> Files.exists(golden(input)));
        for (Path input : inputs) {
            // Files.readString decodes strictly, so equal texts are equal bytes
            Path expected = Files.exists(golden(input)) ? golden(input) : input;
            assertThat(Files.readString(tree.resolve(input.getFileName()))).as("%s after the fix (expected: %s)", input, expected)
                    .isEqualTo(Files.readString(expected));
        }

        List<Finding> after = new Linter(Policy.defaults()).lint(Inputs.read(List.of(tree.toString()), new ByteArrayInputStream(new byte[0])))
                .findings();
        assertThat(after).extracting(Finding::ruleId).doesNotContainAnyElementsOf(fixedRules)
                .doesNotContain("conf-parse-error", "manifest-parse-error");
        natsServerAccepts(tree);
        assertThat(plan(tree).changes()).as("a second fix changes nothing").isEmpty();
    }

    /** Every line the diff shows changed lies within the lines an edit covers. */
    private static void onlyTheEditedLinesDiffer(Fixer.FileChange change) {
        List<String> before = Arrays.asList(change.before().split("\n", -1));
        List<String> after = Arrays.asList(change.after().split("\n", -1));
        for (AbstractDelta<String> delta : DiffUtils.diff(before, after).getDeltas()) {
            int first = delta.getSource().getPosition() + 1;
            for (int line = first; line < first + Math.max(1, delta.getSource().size()); line++) {
                int changed = line;
                assertThat(change.edits()).as("line %d of %s", changed, change.file()).anyMatch(edit ->
                        changed >= ConfText.lineOf(change.before(), edit.start()) && changed <= ConfText.lineOf(change.before(), edit.end()));
            }
        }
    }

    /** Each NATS config of the tree (a .conf file, or a ConfigMap's data) through nats-server -t, when installed. */
    private void natsServerAccepts(Path tree) throws Exception {
        Path server = Path.of("/usr/sbin/nats-server");
        if (!Files.isExecutable(server)) {
            assertThat(System.getenv("CI")).as("nats-server is installed in CI").isNull();
            return;
        }
        List<Path> configs = new ArrayList<>();
        try (Stream<Path> files = Files.list(tree)) {
            for (Path file : files.toList()) {
                if (file.toString().endsWith(".conf")) {
                    configs.add(file);
                } else {
                    for (Object doc : new Yaml().loadAll(Files.readString(file))) {
                        if (doc instanceof Map<?, ?> map && "ConfigMap".equals(map.get("kind")) && map.get("data") instanceof Map<?, ?> data) {
                            for (Map.Entry<?, ?> entry : data.entrySet()) {
                                if (entry.getKey().toString().endsWith(".conf")) {
                                    configs.add(Files.writeString(dir.resolve("extracted-" + configs.size() + ".conf"), entry.getValue().toString()));
                                }
                            }
                        }
                    }
                }
            }
        }
        for (Path config : configs) {
            Process test = new ProcessBuilder(server.toString(), "-t", "-c", config.toString()).redirectErrorStream(true).start();
            assertThat(test.waitFor(30, TimeUnit.SECONDS)).isTrue();
            String output = new String(test.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(test.exitValue()).as(config + ": " + output + "\n" + Files.readString(config)).isZero();
        }
    }

    @Test
    void thePlanIsTheEditsTheLintFindingsCarry() throws Exception {
        Fixer.Plan plan = plan(copy("configmap"));
        assertThat(plan.fixed()).isNotEmpty().allSatisfy(f -> assertThat(plan.report().findings()).contains(f));
        assertThat(plan.changes()).flatExtracting(Fixer.FileChange::edits)
                .containsExactlyInAnyOrderElementsOf(plan.fixed().stream().flatMap(f -> f.fix().edits().stream()).distinct().toList());
    }

    @Test
    void aSuppressedFindingIsNotFixed() throws Exception {
        Files.writeString(dir.resolve("nats.conf"), """
                # natsguard:ignore duration-unquoted the platform team reads this value as seconds (OPS-7)
                ping_interval: 120
                write_deadline: 2m
                """);
        Fixer.Plan plan = plan(dir);
        assertThat(plan.changes()).singleElement().satisfies(change -> assertThat(change.after()).isEqualTo("""
                # natsguard:ignore duration-unquoted the platform team reads this value as seconds (OPS-7)
                ping_interval: 120
                write_deadline: "2m"
                """));
    }

    @Test
    void aBase64SecretIsNotRewrittenAndSaysWhatToDo() throws Exception {
        Path tree = copy("secret");
        Fixer.Plan plan = plan(tree);
        assertThat(plan.changes()).isEmpty();
        assertThat(plan.refused()).singleElement().asString().contains("routes-single-dns-name: not fixed: Secret vault/nats-config key nats.conf")
                .contains("not laid out line by line");
    }

    @Test
    void chartValuesInsideAStringAreNotRewritten() throws Exception {
        Fixer.Plan plan = plan(copy("application-string"));
        assertThat(plan.changes()).isEmpty();
        assertThat(plan.refused()).singleElement().asString()
                .endsWith("routes-single-dns-name: not fixed: config.cluster.merge.routes is in helm.values, a string natsguard does not rewrite: "
                        + "remove it by hand");
    }

    @Test
    void aFileChangedSinceItWasReadIsLeftAlone() throws Exception {
        Path tree = copy("configmap");
        Fixer.Plan plan = plan(tree);
        Path file = tree.resolve("nats.yaml");
        String edited = Files.readString(file) + "# edited meanwhile\n";
        Files.writeString(file, edited);
        assertThatThrownBy(() -> Rewrite.write(plan.changes().get(0))).isInstanceOf(Rewrite.Changed.class)
                .hasMessageContaining("changed since natsguard read it");
        assertThat(Files.readString(file)).isEqualTo(edited);
        try (Stream<Path> files = Files.list(tree)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("nats.yaml");
        }
    }

    @Test
    void theDiffShowsTheChangeWithoutSecrets() throws Exception {
        Fixer.Plan plan = plan(copy("args"));
        String diff = Rewrite.diff(plan.changes().get(0));
        assertThat(diff).contains("-            - --routes=nats://ruser:***@nats-cluster:6222",
                "+            - --routes=nats://ruser:***@nats-0.nats-cluster.legacy.svc.cluster.local:6222,");
    }
}
