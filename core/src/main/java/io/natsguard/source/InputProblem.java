package io.natsguard.source;

import io.natsguard.base.Position;

/**
 * Input natsguard could not read or check, at its place: never a silent skip.
 *
 * @param kind what kind of problem, which decides the rule that reports it
 */
public record InputProblem(Position position, String message, Kind kind) {

    public enum Kind {
        /** Not what it claims to be: YAML that does not parse, a Secret value that is not base64 (manifest-parse-error). */
        UNREADABLE,
        /** Maybe fine, but natsguard could not check it: chart values not found or not modeled (helm-values-unchecked). */
        UNCHECKED,
        /** Past one of natsguard's bounds on work, or outside what it may read (limit-exceeded). */
        LIMIT,
        /** Not checked, and rightly so at lint time: a template source, a file written at run time (not-checked). */
        NOTE,
        /** A .conf file that is not NATS configuration: no finding, counted in the summary, listed under --verbose. */
        NOT_NATS,
        /** A chart met in a scan that Helm cannot render: no finding, counted in the summary, listed under --verbose. */
        NOT_RENDERED
    }

    public static InputProblem unreadable(Position position, String message) {
        return new InputProblem(position, message, Kind.UNREADABLE);
    }

    public static InputProblem unchecked(Position position, String message) {
        return new InputProblem(position, message, Kind.UNCHECKED);
    }

    public static InputProblem limit(Position position, String message) {
        return new InputProblem(position, message, Kind.LIMIT);
    }

    public static InputProblem note(Position position, String message) {
        return new InputProblem(position, message, Kind.NOTE);
    }

    public static InputProblem notNats(Position position, String reason) {
        return new InputProblem(position, reason, Kind.NOT_NATS);
    }

    public static InputProblem notRendered(Position position, String reason) {
        return new InputProblem(position, reason, Kind.NOT_RENDERED);
    }
}
