package io.natsguard.report;

import io.natsguard.base.Position;
import io.natsguard.base.Redactor;
import io.natsguard.base.Severity;

/**
 * One problem found: which rule, how bad, where (the file the user edits), and what to do. The
 * message never holds a secret: route URLs in it are redacted when the finding is made.
 *
 * @param suppression why it does not count, or null when it does
 */
public record Finding(String ruleId, Severity severity, Position position, String message, Suppression suppression) {

    public Finding {
        message = Redactor.redact(message);
    }

    public Finding(String ruleId, Severity severity, Position position, String message) {
        this(ruleId, severity, position, message, null);
    }

    public Finding suppressed(Suppression why) {
        return new Finding(ruleId, severity, position, message, why);
    }

    /** The same finding at another place, told with the places it mentions moved too (a Kustomize build's lines). */
    public Finding at(Position elsewhere, String movedMessage) {
        return new Finding(ruleId, severity, elsewhere, movedMessage, suppression);
    }

    public boolean counts() {
        return suppression == null;
    }
}
