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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
 * {@code # expect: <rule-id>: <text>} also asks that the finding's message contain the text, as
 * Error Prone's {@code // BUG: Diagnostic contains:}, so that a message cannot regress unseen.
 * Each folder holds files that must fire and files whose names start with "good" or "nats-good"
 * that must not.
 */
class RuleFixturesTest {

    private static final Path FIXTURES = Path.of("src/test/resources/rules");
    private static final Pattern MARKER = Pattern.compile("#\\s*expect:\\s*([a-z0-9-]+)(?::\\s*(.*\\S))?");

    static Stream<String> ruleIds() {
        return Rules.all().stream().map(rule -> rule.info().id());
    }

    @ParameterizedTest
    @MethodSource("ruleIds")
    void findingsAreExactlyTheMarkedLines(String id) throws Exception {
        Path folder = FIXTURES.resolve(id);
        Report report = new Linter(Policy.defaults()).lint(List.of(folder.toString()), new ByteArrayInputStream(new byte[0]));
        Map<String, List<String>> messages = new TreeMap<>();
        for (Finding f : report.findings()) {
            if (f.ruleId().equals(id)) {
                messages.computeIfAbsent(f.position().file() + ":" + f.position().line(), line -> new ArrayList<>()).add(f.message());
            }
        }
        Map<String, String> marked = marked(folder, id);
        assertThat(messages.keySet()).as("findings of %s in %s (left: found, right: marked)", id, folder)
                .isEqualTo(marked.keySet());
        marked.forEach((line, fragment) -> assertThat(messages.get(line)).as("the message of %s at %s", id, line)
                .anySatisfy(message -> assertThat(message).contains(fragment)));
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

    /** The lines marked for the rule ("file:line"), each with the text its message must contain ("" for any). */
    private static Map<String, String> marked(Path folder, String id) throws IOException {
        Map<String, String> expected = new TreeMap<>();
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                List<String> lines = Files.readAllLines(file);
                for (int i = 0; i < lines.size(); i++) {
                    Matcher m = MARKER.matcher(lines.get(i));
                    if (m.find() && m.group(1).equals(id)) {
                        expected.put(file + ":" + (i + 2), m.group(2) == null ? "" : m.group(2));
                    }
                }
            }
        }
        return expected;
    }
}
