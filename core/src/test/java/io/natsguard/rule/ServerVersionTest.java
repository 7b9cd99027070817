package io.natsguard.rule;

import static org.assertj.core.api.Assertions.assertThat;

import io.natsguard.lint.Linter;
import io.natsguard.model.NatsVersion;
import io.natsguard.policy.Policy;
import io.natsguard.report.Finding;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which release judges a pod: its image's tag, else what the user states (lint --nats-version), else the newest. */
class ServerVersionTest {

    private static final Path FIXTURES = Path.of("src/test/resources/rules/unknown-field");

    private static List<String> unknownFields(String file, String stated) throws Exception {
        NatsVersion version = stated == null ? null : NatsVersion.parse(stated).orElseThrow();
        return new Linter(Policy.defaults(), null, version)
                .lint(List.of(FIXTURES.resolve(file).toString()), new ByteArrayInputStream(new byte[0])).findings().stream()
                .filter(f -> f.ruleId().equals("unknown-field")).map(Finding::message).toList();
    }

    @Test
    void aTagThatNamesAReleaseWinsOverTheStatedOne() throws Exception {
        assertThat(unknownFields("bad-pod-version.yaml", "2.14.10")).hasSize(2)
                .allMatch(m -> m.contains("this pod runs docker.io/library/nats:2.9.22"));
    }

    @Test
    void aFloatingTagIsJudgedByTheStatedReleaseElseTheNewest() throws Exception {
        assertThat(unknownFields("good-floating-tag.yaml", null)).isEmpty();
        assertThat(unknownFields("good-floating-tag.yaml", "2.11")).containsExactly("unknown field \"isolate_leafnode_interest\" in "
                + "the leafnodes block: isolate_leafnode_interest came in nats-server after 2.11.17 (2.12.15 accepts it) and the "
                + "servers run 2.11 (--nats-version), which refuses to start on it. Run 2.12.15 or later, or remove it.");
    }
}
