package io.natsguard.rule;

import com.typesafe.config.Config;
import io.natsguard.base.Position;
import io.natsguard.base.Related;
import io.natsguard.edit.Fix;
import io.natsguard.edit.Planner;
import io.natsguard.model.NatsVersion;
import java.util.List;
import java.util.Optional;

/** What a rule gets besides the cluster: its parameters from the policy, where to report, and how to plan its fixes. */
public interface RuleContext {

    /** The rule's {@code params} block of the policy (empty when it has none). */
    Config params();

    /** Reports a finding of this rule at a position, with a message that says what to do. */
    default void report(Position position, String message) {
        report(position, message, List.of(), Fix.NONE);
    }

    /**
     * Reports a finding that also points at other places (never written into the message) and, when
     * the rule can fix it, carries its fix ({@link Fix#NONE} when not).
     */
    void report(Position position, String message, List<Related> related, Fix fix);

    /** Plans this rule's fixes as edits of the files read. */
    Planner planner();

    /** The nats-server release the user says the servers run ({@code lint --nats-version}): for configs whose image names none. */
    default Optional<NatsVersion> statedNatsVersion() {
        return Optional.empty();
    }
}
