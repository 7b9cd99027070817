package io.natsguard.lint;

import io.natsguard.policy.Policy;
import io.natsguard.report.Finding;
import io.natsguard.report.Report;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import static org.assertj.core.api.Assertions.assertThat;

/** Manifests an attacker or an accident could send: each a positioned finding or a correct result, in bounded time. */
@Timeout(60)
class HostileInputTest {

    @TempDir
    Path dir;

    private Report lint(Path... paths) throws Exception {
        return new Linter(Policy.defaults()).lint(java.util.Arrays.stream(paths).map(Path::toString).toList(),
                new ByteArrayInputStream(new byte[0]));
    }

    @Test
    void aBillionLaughsYamlIsAFindingNotAnExplosion() throws Exception {
        StringBuilder yaml = new StringBuilder("apiVersion: v1\nkind: ConfigMap\nmetadata: { name: x }\nlol0: &l0 \"lol\"\n");
        for (int level = 1; level <= 12; level++) {
            yaml.append("lol").append(level).append(": &l").append(level).append(" [")
                    .append(String.join(",", java.util.Collections.nCopies(12, "*l" + (level - 1)))).append("]\n");
        }
        Files.writeString(dir.resolve("bomb.yaml"), yaml);
        List<Finding> findings = lint(dir).findings();
        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.ruleId()).isEqualTo("limit-exceeded");
            assertThat(f.message()).contains("aliases");
        });
    }

    @Test
    void deeplyNestedYamlIsAFinding() throws Exception {
        Files.writeString(dir.resolve("deep.yaml"), "a: " + "[".repeat(10_000) + "]".repeat(10_000) + "\n");
        assertThat(lint(dir).findings()).singleElement().satisfies(f -> assertThat(f.ruleId()).isEqualTo("limit-exceeded"));
    }

    @Test
    void symlinksAreNotFollowedOutOfTheTreeNorRoundInALoop() throws Exception {
        Path tree = Files.createDirectories(dir.resolve("tree"));
        Files.createSymbolicLink(tree.resolve("shadow.conf"), Path.of("/etc/shadow"));
        Files.createSymbolicLink(tree.resolve("loop"), tree);
        Files.writeString(tree.resolve("nats.conf"), "port: 4222\n");
        Report report = lint(tree);
        assertThat(report.files()).isEqualTo(1);
        assertThat(report.findings()).isEmpty();
    }

    @Test
    void crlfAndAByteOrderMarkReadAsTheServerAndKubectlReadThem() throws Exception {
        Files.writeString(dir.resolve("cm.yaml"), "\uFEFFapiVersion: v1\r\nkind: ConfigMap\r\nmetadata: { name: c }\r\n"
                + "data:\r\n  nats.conf: |\r\n    cluster {\r\n      name: c\r\n      routes = [ nats://svc:6222 ]\r\n    }\r\n");
        List<Finding> findings = lint(dir).findings();
        assertThat(findings).filteredOn(f -> f.ruleId().equals("routes-single-dns-name")).singleElement()
                .satisfies(f -> assertThat(f.position().line()).isEqualTo(8));
    }
}
