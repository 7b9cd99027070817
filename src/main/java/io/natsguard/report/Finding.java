package io.natsguard.report;

import io.natsguard.conf.Position;

/**
 * One problem found: which rule, how bad, where (the file the user edits), and what to do. The
 * message never holds a secret: route URLs in it are redacted when the finding is made.
 */
public record Finding(String ruleId, Severity severity, Position position, String message) {

    public Finding {
        message = Redactor.redact(message);
    }
}
