package io.natsguard.policy;

/** A policy that cannot be used; the message names the file, the line and the problem. */
public final class PolicyException extends Exception {

    public PolicyException(String message) {
        super(message, null, false, false);
    }
}
