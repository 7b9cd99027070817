package io.natsguard.rule;

import static org.assertj.core.api.Assertions.assertThat;

import io.natsguard.edit.Fix;
import io.natsguard.lint.Linter;
import io.natsguard.policy.Policy;
import io.natsguard.report.Finding;
import java.io.ByteArrayInputStream;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A rule says {@code autofix} in its metadata (docs/rules.md, natsguard rules) exactly when its
 * findings carry edits: on its own fixtures, some do; a rule without it never attaches a fix.
 */
class RuleFixesTest {

    static List<String> ruleIds() {
        return Rules.all().stream().map(rule -> rule.info().id()).toList();
    }

    @ParameterizedTest
    @MethodSource("ruleIds")
    void findingsCarryEditsExactlyWhenTheRuleSaysAutofix(String id) throws Exception {
        List<Finding> findings = new Linter(Policy.defaults()).lint(List.of("src/test/resources/rules/" + id),
                new ByteArrayInputStream(new byte[0])).findings().stream().filter(f -> f.ruleId().equals(id)).toList();
        assertThat(findings).as("findings of %s on its fixtures", id).isNotEmpty();
        if (Rules.byId(id).orElseThrow().info().autofix()) {
            assertThat(findings).as("a finding of %s with edits", id).anyMatch(f -> !f.fix().edits().isEmpty());
        } else {
            assertThat(findings).extracting(Finding::fix).as("fixes of %s", id).containsOnly(Fix.NONE);
        }
    }
}
