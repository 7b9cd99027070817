package io.natsguard.rule;

import com.google.auto.service.AutoService;
import io.natsguard.base.Severity;

@AutoService(Rule.class)
@RuleInfo(id = "suppression-without-reason", severity = Severity.ERROR,
        title = "A natsguard:ignore comment or natsguard.io/ignore-* annotation without a reason, or for no rule",
        rationale = "A silenced finding is a decision someone must be able to review later; without a reason it "
                + "reads as an accident, and a misspelt rule id silences nothing. An ignore without a reason does not "
                + "suppress anything.",
        fix = "Write the reason after the rule id (# natsguard:ignore routes-missing single-node dev cluster), or as "
                + "the annotation's value, and check the rule id against natsguard rules.")
public final class SuppressionWithoutReason implements Rule {

    @Override
    public void checkSuppression(SuppressionMark mark, RuleContext context) {
        String what = mark.annotation() ? "annotation natsguard.io/ignore-" + mark.ruleId() : "natsguard:ignore " + mark.ruleId();
        if (Rules.byId(mark.ruleId()).isEmpty()) {
            context.report(mark.position(), what + " names no rule, so it silences nothing. Correct the rule id "
                    + "(natsguard rules lists them).");
        } else if (mark.reason().isBlank()) {
            context.report(mark.position(), what + " gives no reason, so it does not suppress anything. Add why "
                    + "the finding is acceptable here.");
        }
    }
}
