package io.natsguard.rule;

import static org.assertj.core.api.Assertions.assertThat;

import io.natsguard.lint.Linter;
import io.natsguard.policy.Policy;
import io.natsguard.report.Finding;
import io.natsguard.report.Report;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every rule against its fixture folder, {@code src/test/resources/rules/<rule-id>/}: a line
 * {@code # expect: <rule-id>} marks that the next line must carry a finding of that rule (in NATS
 * conf, YAML, or NATS conf inside a YAML block scalar); every other line must stay silent for it.
 * Each folder holds files that must fire and files whose names start with "good" or "nats-good"
 * that must not.
 */
class RuleFixturesTest {

    private static final Path FIXTURES = Path.of("src/test/resources/rules");
    private static final Pattern MARKER = Pattern.compile("#\\s*expect:\\s*([a-z0-9-]+)");

    static Stream<String> ruleIds() {
        return Rules.all().stream().map(rule -> rule.info().id());
    }

    @ParameterizedTest
    @MethodSource("ruleIds")
    void findingsAreExactlyTheMarkedLines(String id) throws Exception {
        Path folder = FIXTURES.resolve(id);
        Report report = new Linter(Policy.defaults()).lint(List.of(folder.toString()), new ByteArrayInputStream(new byte[0]));
        Set<String> actual = new TreeSet<>();
        for (Finding f : report.findings()) {
            if (f.ruleId().equals(id)) {
                actual.add(f.position().file() + ":" + f.position().line());
            }
        }
        assertThat(actual).as("findings of %s in %s (left: found, right: marked)", id, folder)
                .isEqualTo(marked(folder, id));
    }

    @Test
    void everyRuleHasAFixtureThatFiresAndOneThatMustNot() throws IOException {
        for (String id : ruleIds().toList()) {
            Path folder = FIXTURES.resolve(id);
            assertThat(folder).as("fixture folder of rule %s", id).isDirectory();
            assertThat(marked(folder, id)).as("cases that must fire for %s", id).isNotEmpty();
            try (Stream<Path> files = Files.list(folder)) {
                assertThat(files.map(p -> p.getFileName().toString()))
                        .as("a good file (must not fire) for %s", id).anyMatch(n -> n.contains("good"));
            }
        }
    }

    private static Set<String> marked(Path folder, String id) throws IOException {
        Set<String> expected = new TreeSet<>();
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                List<String> lines = Files.readAllLines(file);
                for (int i = 0; i < lines.size(); i++) {
                    Matcher m = MARKER.matcher(lines.get(i));
                    if (m.find() && m.group(1).equals(id)) {
                        expected.add(file + ":" + (i + 2));
                    }
                }
            }
        }
        return expected;
    }
}
