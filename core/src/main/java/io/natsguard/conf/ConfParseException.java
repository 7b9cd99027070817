package io.natsguard.conf;

import io.natsguard.base.ByteEscapes;
import io.natsguard.base.Position;
import io.natsguard.base.Visible;
import java.util.List;

/**
 * A NATS config that nats-server would refuse. The message carries the real parser's wording; the
 * position is the true place of the problem (the server sometimes reports the next line, or no
 * file at all), and the include trail says through which include directives it was reached.
 */
public final class ConfParseException extends Exception {

    private final Position position;
    private final List<Position> includedFrom;
    private final boolean limitExceeded;
    /** Set when an include could not be read but the parse may go on without it. */
    private final IncludeReader.Unavailable unavailable;

    public ConfParseException(String message, Position position) {
        this(message, position, List.of(), false, null);
    }

    private ConfParseException(String message, Position position, List<Position> includedFrom, boolean limitExceeded,
            IncludeReader.Unavailable unavailable) {
        super(ByteEscapes.shown(message), null, false, false);
        this.position = position;
        this.includedFrom = includedFrom;
        this.limitExceeded = limitExceeded;
        this.unavailable = unavailable;
    }

    /** An include the reader could not give, though the parse may go on without it. */
    static ConfParseException unavailable(IncludeReader.Unavailable cause, Position directive) {
        return new ConfParseException(cause.getMessage(), directive, List.of(), false, cause);
    }

    /** Why the include at this position could not be read, when the parse may go on without it; else null. */
    IncludeReader.Unavailable unavailable() {
        return unavailable;
    }

    /** A config natsguard stops reading at one of its bounds (io.natsguard.limit.Limits), not one the server refuses. */
    static ConfParseException limit(String message, Position position) {
        return new ConfParseException(message, position, List.of(), true, null);
    }

    /** True when reading stopped at one of natsguard's bounds: nats-server might read on, and choke. */
    public boolean limitExceeded() {
        return limitExceeded;
    }

    /** The same problem seen from the include directive at {@code directive}, with the server's prefix. */
    ConfParseException reachedThrough(String includePath, Position directive) {
        List<Position> trail = new java.util.ArrayList<>(includedFrom);
        if (!directive.equals(position)) { // a file that cannot be read fails at the directive itself
            trail.add(directive);
        }
        // A bound says what it is once; the server's prefix per include would repeat itself 16 times.
        String message = limitExceeded ? getMessage() : "error parsing include file '" + includePath + "', " + getMessage();
        return new ConfParseException(message, position, List.copyOf(trail), limitExceeded, null);
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
        StringBuilder line = new StringBuilder().append(position).append(": error: ").append(Visible.of(getMessage()));
        for (Position directive : includedFrom) {
            line.append(" (included from ").append(directive).append(')');
        }
        return line.toString();
    }
}
