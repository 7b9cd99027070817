package io.natsguard.conf;

import io.natsguard.base.Position;
import io.natsguard.limit.Cancellation;
import io.natsguard.limit.Limits;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads NATS server configuration exactly as nats-server does ({@code conf.ParseFileWithChecks}):
 * same verdicts, same trees, same positions, with variables resolved and includes merged. Unlike
 * the server it stops at its {@link Limits}: includes that include each other twice per level, or
 * variables that reference each other twice per level, make exponential work from a few hundred bytes.
 */
public final class ConfParser {

    private final Environment environment;
    private final IncludeReader reader;
    private final Limits limits;
    private final SharedBudget shared;
    private final List<Unread> unread = new ArrayList<>();

    /**
     * An include the parse went on without ({@link IncludeReader.Unavailable}).
     *
     * @param include   the path as the directive writes it
     * @param reason    why natsguard could not read it
     * @param error     what the server would say of it, at the directive
     * @param atRunTime true when the file exists at run time only (not an error)
     */
    public record Unread(String include, String reason, ConfParseException error, boolean atRunTime) {
    }

    /** Includes from the whole file system, as the server reads them, within the default limits. */
    public ConfParser(Environment environment) {
        this(environment, IncludeReader.files(Limits.DEFAULT), Limits.DEFAULT);
    }

    public ConfParser(Environment environment, IncludeReader reader) {
        this(environment, reader, Limits.DEFAULT);
    }

    public ConfParser(Environment environment, IncludeReader reader, Limits limits) {
        this(environment, reader, limits, new SharedBudget(limits));
    }

    /** Parses that count against a budget shared with other parses of the same input. */
    public ConfParser(Environment environment, IncludeReader reader, Limits limits, SharedBudget shared) {
        this.environment = environment;
        this.reader = reader;
        this.limits = limits;
        this.shared = shared;
    }

    /**
     * Parses a config file. The path is used as given, like the server uses its {@code -c}
     * argument: relative paths are relative to the working directory, and so are include paths built
     * from it.
     */
    public ConfValue parseFile(String path) throws ConfParseException {
        Session session = new Session(environment, reader, limits, shared, unread);
        SourceFile source = session.read(path, null);
        return session.parse(source, 0);
    }

    /** Parses config text held in memory (a ConfigMap entry, say); includes are resolved beside {@code name}. */
    public ConfValue parse(String name, byte[] content) throws ConfParseException {
        Session session = new Session(environment, reader, limits, shared, unread);
        session.countBytes(content.length, new Position(name, 1, 1));
        return session.parse(new SourceFile(name, content), 0);
    }

    /** The includes the parses so far went on without, in the order met: only a reader that throws {@link IncludeReader.Unavailable} makes any. */
    public List<Unread> unread() {
        return List.copyOf(unread);
    }

    /** What one parse shares across its includes and environment lookups. */
    static final class Session {
        private final Environment environment;
        private final IncludeReader reader;
        private final Limits limits;
        private final SharedBudget shared;
        private long bytesRead;
        private long expanded;
        /** The files being parsed, outermost first: their identities, and their names for messages. */
        private final List<Path> includeChain = new ArrayList<>();
        private final List<String> includeNames = new ArrayList<>();
        private final Set<String> expanding = new HashSet<>();
        private final List<Unread> unread;

        Session(Environment environment, IncludeReader reader, Limits limits, SharedBudget shared, List<Unread> unread) {
            this.environment = environment;
            this.reader = reader;
            this.limits = limits;
            this.shared = shared;
            this.unread = unread;
        }

        /** Records an include that the reader could not give but that the parse goes on without. */
        void goOnWithout(String include, ConfParseException error, IncludeReader.Unavailable why) {
            unread.add(new Unread(include, why.getMessage(), error, why.atRunTime()));
        }

        /**
         * Counts what a reader of the tree meets (ConfValue weights): a reference to a map counts all
         * of the map again, though the tree shares it, as ConfTreeJson and the rules walk it once per reference.
         */
        void countExpanded(long weight, Position at) throws ConfParseException {
            expanded += weight;
            if (expanded > limits.maxExpandedBytes()) {
                throw ConfParseException.limit("the config stands for more than " + Limits.bytes(limits.maxExpandedBytes())
                        + " with its variable references expanded (natsguard's bound limits.max-expanded-size)", at);
            }
            shared.countExpanded(weight, at);
        }

        void countBytes(long count, Position at) throws ConfParseException {
            bytesRead += count;
            if (bytesRead > limits.maxIncludedBytes()) {
                throw ConfParseException.limit("the config reads more than " + Limits.bytes(limits.maxIncludedBytes())
                        + " with its includes, each counted every time it is included (natsguard's bound "
                        + "limits.max-included-size)", at);
            }
            shared.countBytes(count, at);
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
            if (includeChain.size() > limits.maxIncludeDepth()) {
                throw ConfParseException.limit("includes nested deeper than " + limits.maxIncludeDepth()
                        + " files (natsguard's bound limits.max-include-depth)", directive);
            }
            Cancellation.checkpoint();
            return parseMap(read(path, directive), depth);
        }

        SourceFile read(String path, Position directive) throws ConfParseException {
            Position at = directive != null ? directive : new Position(path, 1, 1);
            byte[] content;
            try {
                content = reader.read(path);
            } catch (IncludeReader.Refused e) {
                throw ConfParseException.limit(e.getMessage(), at);
            } catch (IncludeReader.Unavailable e) {
                throw ConfParseException.unavailable(e, at);
            } catch (IOException e) {
                throw new ConfParseException(e.getMessage(), at);
            }
            countBytes(content.length, at);
            return new SourceFile(path, content);
        }
    }
}
