package io.natsguard.rule;

import com.typesafe.config.Config;
import io.natsguard.base.Position;

/** What a rule gets besides the cluster: its parameters from the policy, and where to report. */
public interface RuleContext {

    /** The rule's {@code params} block of the policy (empty when it has none). */
    Config params();

    /** Reports a finding of this rule at a position, with a message that says what to do. */
    void report(Position position, String message);
}
