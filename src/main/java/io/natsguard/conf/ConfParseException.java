package io.natsguard.conf;

import java.util.List;

/**
 * A NATS config that nats-server would refuse. The message carries the real parser's wording; the
 * position is the true place of the problem (the server sometimes reports the next line, or no
 * file at all), and the include trail says through which include directives it was reached.
 */
public final class ConfParseException extends Exception {

    private final Position position;
    private final List<Position> includedFrom;

    public ConfParseException(String message, Position position) {
        this(message, position, List.of());
    }

    private ConfParseException(String message, Position position, List<Position> includedFrom) {
        super(message, null, false, false);
        this.position = position;
        this.includedFrom = includedFrom;
    }

    /** The same problem seen from the include directive at {@code directive}, with the server's prefix. */
    ConfParseException reachedThrough(String includePath, Position directive) {
        List<Position> trail = new java.util.ArrayList<>(includedFrom);
        trail.add(directive);
        return new ConfParseException("error parsing include file '" + includePath + "', " + getMessage(),
                position, List.copyOf(trail));
    }

    public Position position() {
        return position;
    }

    /** Include directives from the innermost outwards; empty when the problem is in the file itself. */
    public List<Position> includedFrom() {
        return includedFrom;
    }

    /** One line: {@code FILE:LINE:COL: error: MESSAGE (included from ...)}, control characters made visible. */
    public String toDiagnostic() {
        StringBuilder line = new StringBuilder().append(position).append(": error: ").append(visible(getMessage()));
        for (Position directive : includedFrom) {
            line.append(" (included from ").append(directive).append(')');
        }
        return line.toString();
    }

    /** The lexer quotes the rune it stopped at, NUL at end of input and CR included; show them as escapes. */
    static String visible(String message) {
        return message.replace("\0", "\\0").replace("\r", "\\r");
    }
}
