package io.natsguard.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.natsguard.lint.Linter;
import io.natsguard.policy.Policy;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Control characters of real file names and file content reach no terminal or CI log raw: a file
 * name holding a newline forges no finding line, ESC and C1 start no escape sequence.
 */
class ControlCharactersTest {

    /** C0 controls, DEL, C1 controls, the Unicode line and paragraph separators, the bidi override, the noncharacters XML refuses. */
    private static final String FORBIDDEN = "[\\x00-\\x1f\\x7f-\\x9f\\u2028\\u2029\\u202e\\ufffe\\uffff]";

    @TempDir
    Path dir;

    private Report report;

    @BeforeEach
    void lintFilesWithHostileNames() throws Exception {
        String forgedLine = "nats\nfake.conf:1:1: error [cluster-tls-missing] all clear\u001b[2J\u009b31m\u0085\u2028\u202e.conf";
        Files.writeString(dir.resolve(forgedLine), "cluster {\n  port: 6222\n  \"k\u001b]0;title\u0007\u007f\u0085\u2028\u2029\uFFFE\uFFFF\": 1\n}\n");
        Files.writeString(dir.resolve("nats-\u001b[31mred.conf"), "cluster { port: 6222, routes = [ 1 ] }\n");
        report = new Linter(Policy.defaults()).lint(List.of(dir.toString()), new ByteArrayInputStream(new byte[0]));
        assertThat(report.findings()).as("the input does hold control characters")
                .anyMatch(f -> f.position().file().contains("\n"))
                .anyMatch(f -> f.position().file().contains("\u001b[31m"))
                .anyMatch(f -> f.message().contains("\u001b]0;title\u0007"));
    }

    @Test
    void textShowsThemAsEscapesOneLineAFinding() throws Exception {
        String text = write("text");
        assertThat(text).doesNotContainPattern(FORBIDDEN.replace("]", "&&[^\\n]]"));
        assertThat(text.lines()).hasSize(report.findings().size() + 1);
        assertThat(text).contains("nats\\nfake.conf:1:1: error [cluster-tls-missing] all clear\\x1b[2J\\u009b31m\\u0085\\u2028\\u202e.conf:")
                .contains("nats-\\x1b[31mred.conf:").contains("k\\x1b]0;title\\x07\\x7f\\u0085\\u2028\\u2029\\ufffe\\uffff");
    }

    @Test
    void githubWorkflowCommandsHoldNoControlCharacter() throws Exception {
        String github = write("github");
        assertThat(github).doesNotContainPattern(FORBIDDEN.replace("]", "&&[^\\n]]"));
        assertThat(github.lines()).hasSize(report.findings().size() + 1)
                .allMatch(line -> line.startsWith("::") || line.startsWith("natsguard: "));
        assertThat(github).contains("file=" + dir.toString().replace(":", "%3A") + "/nats\\nfake.conf%3A1%3A1%3A error [cluster-tls-missing] all clear\\x1b[2J");
    }

    @Test
    void junitIsWellFormedXml() throws Exception {
        String junit = write("junit");
        assertThat(junit).doesNotContainPattern(FORBIDDEN.replace("]", "&&[^\\n]]"));
        assertThat(DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(junit.getBytes(StandardCharsets.UTF_8))).getElementsByTagName("failure").getLength())
                .isEqualTo(report.findings().size());
    }

    private String write(String format) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ReportFormat.named(format).write(report, out);
        return out.toString(StandardCharsets.UTF_8);
    }
}
