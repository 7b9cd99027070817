package io.natsguard.lint;

/** A path given on the command line that cannot be read at all (exit 2). */
public final class InputException extends Exception {

    public InputException(String message) {
        super(message, null, false, false);
    }
}
