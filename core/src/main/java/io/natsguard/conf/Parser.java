package io.natsguard.conf;

import io.natsguard.base.ByteEscapes;
import io.natsguard.base.Position;
import io.natsguard.limit.Cancellation;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The parser of one NATS config source, the counterpart of nats-server's {@code conf/parse.go} (v2.14.10) in
 * pedantic mode: a stack of contexts (maps, arrays) and a stack of pending keys; a value is stored
 * into the current context when it completes, and keeps its position.
 *
 * <p>Where the server crashes (include cycles, a self-referencing environment variable on old
 * versions, nesting deep enough to exhaust a stack), natsguard reports a clean error instead.
 */
final class Parser {

    /** Deeper nesting of arrays and maps is refused: no real config comes near, and it keeps every consumer safe. */
    static final int MAX_DEPTH = 1000;
    /** How many items are lexed between two looks at whether the work was cancelled. */
    private static final int ITEMS_PER_CHECKPOINT = 256;

    private static final String ENV_KEY = "pk";
    private static final String BCRYPT_PREFIX = "2a$";
    private static final DateTimeFormatter ZULU = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'", Locale.ROOT)
            .withResolverStyle(ResolverStyle.STRICT);

    private final Lexer lexer;
    private final SourceFile source;
    private final ConfParser.Session session;
    private final int baseDepth;
    private final Map<String, ConfValue> mapping = new LinkedHashMap<>();
    private final ArrayList<Context> contexts = new ArrayList<>();
    private final ArrayList<String> keys = new ArrayList<>();
    private final ArrayList<Item> keyItems = new ArrayList<>();

    /** A map or an array being filled, with the item that opened it. */
    private record Context(Map<String, ConfValue> map, List<ConfValue> array, Item opening) {
    }

    Parser(SourceFile source, ConfParser.Session session, int baseDepth) {
        this.lexer = new Lexer(source.bytes());
        this.source = source;
        this.session = session;
        this.baseDepth = baseDepth;
        contexts.add(new Context(mapping, null, null));
    }

    Map<String, ConfValue> parse() throws ConfParseException {
        Item previous = null;
        for (int items = 1; ; items++) {
            if (items % ITEMS_PER_CHECKPOINT == 0) {
                Cancellation.checkpoint();
            }
            Item item = lexer.nextItem();
            if (item.type() == Item.Type.EOF) {
                // A key with no value before the end is refused; a lone "}" (JSON-style file) is not.
                if (previous != null && previous.type() == Item.Type.KEY && !previous.value().equals("}")) {
                    throw error(previous, "config is invalid (%s:%d:%d): key '%s' has no value",
                            source.name(), item.line(), item.pos(), previous.value());
                }
                return mapping;
            }
            previous = item;
            process(item);
        }
    }

    private void process(Item item) throws ConfParseException {
        switch (item.type()) {
            case ERROR -> throw error(item, "Parse error on line %d: '%s'", item.line(), item.value());
            case KEY -> {
                keys.add(item.value());
                keyItems.add(item);
            }
            case MAP_START -> open(new Context(new LinkedHashMap<>(), null, item));
            case MAP_END -> {
                Context closed = close(item);
                setValue(value(ConfValue.Type.MAP, closed.map(), item, closed.opening().offset() - 1));
            }
            case ARRAY_START -> open(new Context(null, new ArrayList<>(), item));
            case ARRAY_END -> {
                Context closed = close(item);
                setValue(value(ConfValue.Type.ARRAY, closed.array(), item, closed.opening().offset() - 1));
            }
            case STRING -> setValue(value(ConfValue.Type.STRING, item.value(), item, item.offset()));
            case INTEGER -> processInteger(item);
            case FLOAT -> setValue(value(ConfValue.Type.FLOAT, parseFloat(item), item, item.offset()));
            case BOOL -> setValue(value(ConfValue.Type.BOOL, parseBool(item), item, item.offset()));
            case DATETIME -> setValue(value(ConfValue.Type.DATETIME, parseDatetime(item), item, item.offset()));
            case VARIABLE -> setValue(lookupVariable(item));
            case INCLUDE -> include(item);
            default -> {
                // comments carry no value
            }
        }
    }

    /** A new value (a scalar, or a map or array just closed, whose contents were counted as they came). */
    private ConfValue value(ConfValue.Type type, Object value, Item item, int offset) throws ConfParseException {
        session.countExpanded(ConfValue.ownWeight(type, value), source.positionOf(offset));
        return new ConfValue(type, value, source, item.line(), item.pos(), offset);
    }

    private void open(Context context) throws ConfParseException {
        if (baseDepth + contexts.size() > MAX_DEPTH) {
            throw ConfParseException.limit(String.format("arrays and maps nested deeper than %d levels (natsguard's bound; "
                    + "nats-server has none)", MAX_DEPTH), source.positionOf(context.opening().offset()));
        }
        contexts.add(context);
    }

    private Context close(Item item) throws ConfParseException {
        if (contexts.size() < 2) {
            throw error(item, "unbalanced '%s' (nats-server would crash here)", item.type() == Item.Type.MAP_END ? "}" : "]");
        }
        return contexts.remove(contexts.size() - 1);
    }

    private void setValue(ConfValue value) throws ConfParseException {
        Context current = contexts.get(contexts.size() - 1);
        if (current.array() != null) {
            current.array().add(value);
            return;
        }
        if (keys.isEmpty()) {
            // The server's parser would panic ("keys stack empty"); natsguard refuses cleanly.
            Position at = value.valuePosition();
            throw new ConfParseException("value without a key (nats-server would crash here)",
                    at != null ? at : source.positionOf(0));
        }
        String key = keys.remove(keys.size() - 1);
        value.placeAtKey(keyItems.remove(keyItems.size() - 1));
        current.map().put(key, value);
    }

    // ---- scalars ----

    private void processInteger(Item item) throws ConfParseException {
        String text = item.value();
        byte[] bytes = ByteEscapes.bytes(text);
        // parse.go counts the leading digits in runes, then cuts the string there in bytes.
        int digits = 0;
        for (int i = 0; i < text.length(); ) {
            int r = text.codePointAt(i);
            if (!Lexer.isDigit(r) && r != '-') {
                break;
            }
            digits++;
            i += Character.charCount(r);
        }
        int cut = Math.min(digits, bytes.length);
        String number = Lexer.goString(bytes, 0, cut);
        long n = parseGoInt(number, item);
        String suffix = Lexer.goString(bytes, cut, bytes.length)
                .strip().toLowerCase(Locale.ROOT);
        Long scaled = switch (suffix) {
            case "" -> n;
            case "k" -> n * 1000;
            case "kb", "ki", "kib" -> n * 1024;
            case "m" -> n * 1000 * 1000;
            case "mb", "mi", "mib" -> n * 1024 * 1024;
            case "g" -> n * 1000 * 1000 * 1000;
            case "gb", "gi", "gib" -> n * 1024 * 1024 * 1024;
            case "t" -> n * 1000 * 1000 * 1000 * 1000;
            case "tb", "ti", "tib" -> n * 1024 * 1024 * 1024 * 1024;
            case "p" -> n * 1000 * 1000 * 1000 * 1000 * 1000;
            case "pb", "pi", "pib" -> n * 1024 * 1024 * 1024 * 1024 * 1024;
            case "e" -> n * 1000 * 1000 * 1000 * 1000 * 1000 * 1000;
            case "eb", "ei", "eib" -> n * 1024 * 1024 * 1024 * 1024 * 1024 * 1024;
            default -> null; // the server silently drops the value (and its key)
        };
        if (scaled != null) {
            setValue(value(ConfValue.Type.INT, scaled, item, item.offset()));
        }
    }

    /** strconv.ParseInt(s, 10, 64): optional sign, ASCII digits only. */
    private long parseGoInt(String number, Item item) throws ConfParseException {
        int i = number.startsWith("-") || number.startsWith("+") ? 1 : 0;
        boolean syntaxOk = number.length() > i;
        for (int j = i; j < number.length(); j++) {
            char c = number.charAt(j);
            syntaxOk &= c >= '0' && c <= '9';
        }
        if (!syntaxOk) {
            throw error(item, "expected integer, but got '%s'", item.value());
        }
        try {
            return Long.parseLong(number);
        } catch (NumberFormatException outOfRange) {
            throw error(item, "integer '%s' is out of the range", item.value());
        }
    }

    private double parseFloat(Item item) throws ConfParseException {
        // A float item holds digits, '.' and '-' only; parseDouble refuses non-ASCII digits, as Go does.
        String text = item.value();
        double d;
        try {
            d = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw error(item, "expected float, but got '%s'", text);
        }
        if (Double.isInfinite(d)) {
            throw error(item, "float '%s' is out of the range", text);
        }
        return d;
    }

    private boolean parseBool(Item item) throws ConfParseException {
        return switch (item.value().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw error(item, "expected boolean value, but got '%s'", item.value());
        };
    }

    private String parseDatetime(Item item) throws ConfParseException {
        try {
            LocalDateTime.parse(item.value(), ZULU);
            return item.value();
        } catch (DateTimeParseException e) {
            throw error(item, "expected Zulu formatted DateTime, but got '%s'", item.value());
        }
    }

    // ---- variables ----

    private ConfValue lookupVariable(Item reference) throws ConfParseException {
        String name = reference.value();
        if (name.startsWith(BCRYPT_PREFIX)) {
            // The server keeps unquoted "$2a$..." bcrypt hashes as they are.
            return value(ConfValue.Type.STRING, "$" + name, reference, reference.offset());
        }
        for (int i = contexts.size() - 1; i >= 0; i--) {
            Map<String, ConfValue> map = contexts.get(i).map();
            if (map != null && map.containsKey(name)) {
                ConfValue found = map.get(name);
                found.markUsedVariable();
                session.countExpanded(found.expandedSize(), source.positionOf(reference.offset()));
                return found.referencedAt(source, reference);
            }
        }
        String fromEnvironment = session.environment().lookup(name);
        if (fromEnvironment != null) {
            ConfValue parsed = parseEnvironmentValue(name, fromEnvironment, reference);
            if (parsed != null) {
                return ConfValue.withoutInnerPositions(parsed, source, reference);
            }
        }
        throw error(reference, "variable reference for '%s' on line %d can not be found", name, reference.line());
    }

    /** The server parses an environment value as the config "pk=VALUE", so it gets a type. */
    private ConfValue parseEnvironmentValue(String name, String text, Item reference) throws ConfParseException {
        String prefix = "variable reference for '" + name + "' on line " + reference.line() + " could not be parsed: ";
        if (session.expanding().contains(name)) {
            throw error(reference, "%svariable reference cycle for '%s'", prefix, name);
        }
        session.expanding().add(name);
        try {
            SourceFile inner = new SourceFile("", (ENV_KEY + "=" + text).getBytes(StandardCharsets.UTF_8));
            return new Parser(inner, session, baseDepth + contexts.size()).parse().get(ENV_KEY);
        } catch (ConfParseException e) {
            if (e.limitExceeded()) {
                throw ConfParseException.limit(prefix + e.getMessage(), source.positionOf(reference.offset()));
            }
            throw error(reference, "%s%s", prefix, e.getMessage());
        } finally {
            session.expanding().remove(name);
        }
    }

    // ---- include ----

    private void include(Item directive) throws ConfParseException {
        // A path is opened as text: a byte that is not UTF-8 reads as U+FFFD there (no such file, as for the server).
        String path = GoPaths.join(GoPaths.dir(source.name()), ByteEscapes.shown(directive.value()));
        Position at = source.positionOf(directive.offset());
        Map<String, ConfValue> included;
        try {
            included = session.parseIncluded(path, at, baseDepth + contexts.size());
        } catch (ConfParseException e) {
            ConfParseException reached = e.reachedThrough(directive.value(), at);
            if (e.unavailable() == null) {
                throw reached;
            }
            session.goOnWithout(directive.value(), reached, e.unavailable());
            included = Map.of();
        }
        for (Map.Entry<String, ConfValue> entry : included.entrySet()) {
            keys.add(entry.getKey());
            keyItems.add(entry.getValue().asKeyItem(entry.getKey()));
            setValue(entry.getValue());
        }
    }

    private ConfParseException error(Item item, String format, Object... args) {
        return new ConfParseException(String.format(format, args), source.positionOf(item.offset()));
    }
}
