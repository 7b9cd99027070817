package io.natsguard.cli;

/** The exit codes every natsguard command shares. */
final class ExitCodes {
    static final int OK = 0;
    /** The input has problems at or above the threshold (for parse: the config is refused). */
    static final int FINDINGS = 1;
    /** Bad usage, unreadable input, invalid policy. */
    static final int USAGE = 2;
    /** A bug in natsguard: reported in one line, never as a stack trace. */
    static final int INTERNAL = 3;

    private ExitCodes() {
    }
}
