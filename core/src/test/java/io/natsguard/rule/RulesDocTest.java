package io.natsguard.rule;

import static org.assertj.core.api.Assertions.assertThat;

import io.natsguard.testing.Repository;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** docs/rules.md is generated from the rules' metadata and must be current. */
class RulesDocTest {

    @Test
    void theCommittedRulesDocIsCurrent() throws Exception {
        String committed = Files.readString(Repository.path("docs/rules.md"));
        assertThat(committed).as("docs/rules.md is stale: run bin/natsguard rules --format markdown > docs/rules.md")
                .isEqualTo(RulesDoc.markdown());
    }

    @Test
    void everyRuleHasCompleteMetadata() {
        assertThat(Rules.all()).hasSize(22);
        for (Rule rule : Rules.all()) {
            RuleInfo info = rule.info();
            assertThat(info).as(rule.getClass().getName() + " has @RuleInfo").isNotNull();
            assertThat(info.id()).matches("[a-z0-9]+(-[a-z0-9]+)*");
            assertThat(info.title()).isNotBlank();
            assertThat(info.rationale()).hasSizeGreaterThan(40);
            assertThat(info.fix()).isNotBlank();
        }
    }
}
