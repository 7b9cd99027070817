package io.natsguard.rule;

import com.typesafe.config.Config;
import io.natsguard.model.Cluster;
import io.natsguard.source.InputProblem;
import io.natsguard.source.KubeObject;
import io.natsguard.source.Unit;
import java.util.List;

/**
 * One check. Each rule is a small class annotated with {@link RuleInfo} and registered for
 * ServiceLoader with {@code @AutoService(Rule.class)}: found, never listed by hand.
 */
public interface Rule {

    /** Looks at one cluster and reports what is wrong through the context. */
    default void check(Cluster cluster, RuleContext context) {
    }

    /** Looks at a request to ignore a rule (most rules have nothing to say about it). */
    default void checkSuppression(SuppressionMark mark, RuleContext context) {
    }

    /** Looks at the objects of one deployment unit, in the order they are applied (most rules look at clusters only). */
    default void checkUnit(Unit unit, List<KubeObject> objects, RuleContext context) {
    }

    /** Looks at input that could not be read (most rules have nothing to say about it). */
    default void checkInput(InputProblem problem, RuleContext context) {
    }

    /**
     * Checks this rule's parameters in a policy when the policy is loaded, so that a bad policy
     * fails at once (exit 2) rather than in the middle of a run. Reading them is enough: Typesafe
     * Config throws on a missing or mistyped value.
     */
    default void validate(Config params) {
    }

    default RuleInfo info() {
        return getClass().getAnnotation(RuleInfo.class);
    }
}
