package io.natsguard.rule;

import static org.assertj.core.api.Assertions.assertThat;

import io.natsguard.lint.Linter;
import io.natsguard.policy.Policy;
import io.natsguard.report.Finding;
import io.natsguard.testing.Peers;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The rules that stand for refusals of nats-server, held against the newest pinned server: every
 * fixture file (one case each) that a rule reports, {@code nats-server -t} refuses with the text the
 * finding quotes; every file it stays silent on, the server accepts. Each finding points at the key
 * or value it speaks of, and prints no key.
 */
class ServerRefusalRulesTest {

    private static final List<String> RULES = List.of("tls-config-invalid", "nkey-invalid", "auth-conflict");
    private static final Path FIXTURES = Path.of("src/test/resources/rules");
    /** What a finding says the server prints: {@code refuses it: "A"} or {@code refuses it: "A" or "B"}. */
    private static final Pattern QUOTED = Pattern.compile("refuses it: \"(.+?)\"(?:\\.|$)");
    /** A run of base32 as long as a public nkey: no message may print a key or a seed. */
    private static final Pattern KEY_LIKE = Pattern.compile("[A-Z2-7]{56}");

    static Stream<Path> fixtures() throws IOException {
        List<Path> files = new ArrayList<>();
        for (String id : RULES) {
            try (Stream<Path> list = Files.list(FIXTURES.resolve(id))) {
                list.sorted().forEach(files::add);
            }
        }
        return files.stream();
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void reportedExactlyWhenTheNewestServerRefuses(Path file) throws Exception {
        String rule = file.getParent().getFileName().toString();
        List<Finding> findings = new Linter(Policy.defaults())
                .lint(List.of(file.toString()), new ByteArrayInputStream(new byte[0])).findings().stream()
                .filter(f -> f.ruleId().equals(rule)).toList();
        String refusal = check(file);
        if (findings.isEmpty()) {
            assertThat(refusal).as("nats-server %s -t on %s, where %s is silent", Peers.NEWEST, file, rule).isEmpty();
            return;
        }
        assertThat(refusal).as("nats-server %s -t on %s, where %s reports %s", Peers.NEWEST, file, rule, findings)
                .isNotEmpty();
        List<String> lines = Files.readAllLines(file);
        for (Finding finding : findings) {
            String line = lines.get(finding.position().line() - 1);
            assertThat(line.substring(finding.position().column() - 1)).as("%s at its column", finding)
                    .matches("[\"\\[{A-Za-z].*");
            assertThat(finding.message()).as("a finding of %s", rule).doesNotContainPattern(KEY_LIKE);
            assertThat(quoted(finding.message())).as("the server's words in %s", finding.message())
                    .isNotEmpty().anyMatch(refusal::contains);
        }
    }

    /** The texts a message quotes from the server (two when the server's map order decides which it prints). */
    private static List<String> quoted(String message) {
        Matcher m = QUOTED.matcher(message);
        return m.find() ? List.of(m.group(1).split("\" or \"")) : List.of();
    }

    /** What nats-server -t prints when it refuses the file, or "" when it accepts it. */
    private static String check(Path file) throws Exception {
        Process server = new ProcessBuilder(Peers.natsServer(Peers.NEWEST).toString(), "-t", "-c", file.toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            server.getErrorStream().transferTo(err);
            assertThat(server.waitFor(20, TimeUnit.SECONDS)).as("nats-server -t ended").isTrue();
            return server.exitValue() == 0 ? "" : err.toString(StandardCharsets.UTF_8);
        } finally {
            ProcessHandle.of(server.pid()).ifPresent(ProcessHandle::destroyForcibly);
        }
    }
}
