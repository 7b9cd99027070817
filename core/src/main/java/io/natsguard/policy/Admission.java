package io.natsguard.policy;

import io.natsguard.base.Severity;
import java.util.Locale;

/**
 * What the admission webhook does with a rule's findings ({@code admission = deny | warn | off} in
 * the policy). Without the setting it follows the severity: error denies, warning warns, info is
 * left out of the answer (a note is not worth a line in every {@code kubectl apply}).
 */
public enum Admission {
    DENY, WARN, OFF;

    public static Admission forSeverity(Severity severity) {
        return switch (severity) {
            case ERROR -> DENY;
            case WARNING -> WARN;
            case INFO -> OFF;
        };
    }

    /** "deny", "warn" or "off"; anything else is an {@link IllegalArgumentException}. */
    public static Admission parse(String text) {
        return valueOf(text.trim().toUpperCase(Locale.ROOT));
    }
}
