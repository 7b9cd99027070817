package io.natsguard.conf;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads NATS server configuration exactly as nats-server does ({@code conf.ParseFileWithChecks}):
 * same verdicts, same trees, same positions, with variables resolved and includes merged.
 */
public final class ConfParser {

    private final Environment environment;
    private final IncludeReader reader;

    public ConfParser(Environment environment) {
        this(environment, IncludeReader.FILES);
    }

    public ConfParser(Environment environment, IncludeReader reader) {
        this.environment = environment;
        this.reader = reader;
    }

    /**
     * Parses a config file. The path is used as given, like the server uses its {@code -c}
     * argument: relative paths are relative to the working directory, and so are include paths built
     * from it.
     */
    public ConfValue parseFile(String path) throws ConfParseException {
        Session session = new Session(environment, reader);
        SourceFile source = session.read(path, null);
        return session.parse(source, 0);
    }

    /** Parses config text held in memory (a ConfigMap entry, say); includes are resolved beside {@code name}. */
    public ConfValue parse(String name, byte[] content) throws ConfParseException {
        Session session = new Session(environment, reader);
        return session.parse(new SourceFile(name, content), 0);
    }

    /** What one parse shares across its includes and environment lookups. */
    static final class Session {
        private final Environment environment;
        private final IncludeReader reader;
        /** The files being parsed, outermost first: their identities, and their names for messages. */
        private final List<Path> includeChain = new ArrayList<>();
        private final List<String> includeNames = new ArrayList<>();
        private final Set<String> expanding = new HashSet<>();

        Session(Environment environment, IncludeReader reader) {
            this.environment = environment;
            this.reader = reader;
        }

        Environment environment() {
            return environment;
        }

        /** Environment variables being expanded right now: one seen again is a cycle. */
        Set<String> expanding() {
            return expanding;
        }

        ConfValue parse(SourceFile source, int depth) throws ConfParseException {
            Map<String, ConfValue> root = parseMap(source, depth);
            return new ConfValue(ConfValue.Type.MAP, root, source, ConfValue.UNKNOWN, ConfValue.UNKNOWN, 0);
        }

        private Map<String, ConfValue> parseMap(SourceFile source, int depth) throws ConfParseException {
            Path identity = Path.of(source.name().isEmpty() ? "." : source.name()).toAbsolutePath().normalize();
            includeChain.add(identity);
            includeNames.add(source.name());
            try {
                return new Parser(source, this, depth).parse();
            } finally {
                includeChain.remove(includeChain.size() - 1);
                includeNames.remove(includeNames.size() - 1);
            }
        }

        Map<String, ConfValue> parseIncluded(String path, Position directive, int depth) throws ConfParseException {
            Path identity = Path.of(path).toAbsolutePath().normalize();
            if (includeChain.contains(identity)) {
                // The server recurses until the Go runtime dies of a stack overflow.
                String cycle = String.join(" -> ", includeNames.subList(includeChain.indexOf(identity), includeNames.size()));
                throw new ConfParseException("include cycle: " + cycle + " -> " + path, directive);
            }
            if (includeChain.size() > Parser.MAX_INCLUDE_DEPTH) {
                throw new ConfParseException("includes nested deeper than " + Parser.MAX_INCLUDE_DEPTH
                        + " files (natsguard's limit)", directive);
            }
            return parseMap(read(path, directive), depth);
        }

        SourceFile read(String path, Position directive) throws ConfParseException {
            try {
                return new SourceFile(path, reader.read(path));
            } catch (IOException e) {
                throw new ConfParseException(e.getMessage(), directive != null ? directive : new Position(path, 1, 1));
            }
        }
    }
}
