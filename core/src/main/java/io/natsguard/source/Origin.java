package io.natsguard.source;

import io.natsguard.base.Position;

/**
 * Where a NATS config's text sits in the file the user edits, so that a position in the config
 * becomes a position in that file: the file itself, the lines of a YAML block scalar, or one fixed
 * place (a base64 Secret value, a quoted YAML string, an argument).
 */
public sealed interface Origin {

    /** The user's position of a place in the config text (line and column 1-based). */
    Position locate(int confLine, int confColumn);

    /** The config is the file itself. */
    record SameFile(String file) implements Origin {
        @Override
        public Position locate(int confLine, int confColumn) {
            return new Position(file, confLine, confColumn);
        }
    }

    /**
     * The config is a YAML literal block scalar: config line 1 is file line {@code firstLine}, and
     * every line is indented by {@code indent} columns.
     */
    record BlockScalar(String file, int firstLine, int indent) implements Origin {
        @Override
        public Position locate(int confLine, int confColumn) {
            return new Position(file, firstLine + confLine - 1, indent + confColumn);
        }
    }

    /**
     * The config was generated (by a Helm chart) line by line from values written elsewhere: each
     * config line points at the values node it came from; others at {@code fallback}.
     */
    record Lines(java.util.Map<Integer, Position> lines, Position fallback) implements Origin {
        @Override
        public Position locate(int confLine, int confColumn) {
            return lines.getOrDefault(confLine, fallback);
        }
    }

    /** The config text is not laid out line for line in the file: everything points at one place. */
    record Fixed(Position at) implements Origin {
        @Override
        public Position locate(int confLine, int confColumn) {
            return at;
        }
    }
}
