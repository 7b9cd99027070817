package io.natsguard.report;

import io.natsguard.base.ByteEscapes;
import io.natsguard.base.Position;
import io.natsguard.base.Redactor;
import io.natsguard.base.Related;
import io.natsguard.base.Severity;
import io.natsguard.edit.Fix;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * One problem found: which rule, how bad, where (the file the user edits), the other places it
 * points at, what to do, and, when its rule can fix it, the fix. The message and notes never hold a
 * secret: route URLs in them are redacted when the finding is made.
 *
 * @param related     other places the finding points at (never written into the message)
 * @param fix         its rule's fix, {@link Fix#NONE} when it has none
 * @param suppression why it does not count, or null when it does
 */
public record Finding(String ruleId, Severity severity, Position position, String message, List<Related> related, Fix fix,
        Suppression suppression) {

    public Finding {
        message = ByteEscapes.shown(Redactor.redact(message));
        related = related.stream().map(r -> new Related(r.position(), ByteEscapes.shown(Redactor.redact(r.note())))).toList();
    }

    public Finding(String ruleId, Severity severity, Position position, String message) {
        this(ruleId, severity, position, message, List.of(), Fix.NONE, null);
    }

    public Finding(String ruleId, Severity severity, Position position, String message, Suppression suppression) {
        this(ruleId, severity, position, message, List.of(), Fix.NONE, suppression);
    }

    public Finding suppressed(Suppression why) {
        return new Finding(ruleId, severity, position, message, related, fix, why);
    }

    /** The same finding pointing at these related places. */
    public Finding withRelated(List<Related> places) {
        return new Finding(ruleId, severity, position, message, places, fix, suppression);
    }

    /** The same finding with every place it names moved as its file's positions are (a Kustomize build's lines to its sources). */
    public Finding moved(UnaryOperator<Position> map) {
        return new Finding(ruleId, severity, map.apply(position), message, related.stream().map(r -> r.moved(map)).toList(),
                fix.moved(map), suppression);
    }

    public boolean counts() {
        return suppression == null;
    }
}
