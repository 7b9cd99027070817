package io.natsguard.conf;

import io.natsguard.base.Position;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One value of a parsed NATS config with where it came from: the counterpart of the server's
 * pedantic-mode {@code token}. Like the token it is shared and changed by the parser (a map entry
 * takes its key's position; a value referenced as a variable is marked used).
 *
 * <p>Values are: {@link Type#MAP} an insertion-ordered {@code Map<String, ConfValue>},
 * {@link Type#ARRAY} a {@code List<ConfValue>}, {@link Type#STRING} a String, {@link Type#INT}
 * a Long, {@link Type#FLOAT} a Double, {@link Type#BOOL} a Boolean and {@link Type#DATETIME} the
 * String {@code YYYY-MM-DDTHH:MM:SSZ}.
 */
public final class ConfValue {

    public enum Type {
        MAP("map"), ARRAY("array"), STRING("string"), INT("int"), FLOAT("float"), BOOL("bool"), DATETIME("datetime");

        private final String jsonName;

        Type(String jsonName) {
            this.jsonName = jsonName;
        }

        /** The name the server's tooling and natsguard's JSON use for the type. */
        public String jsonName() {
            return jsonName;
        }
    }

    /** Offset, line or column not known: values that came from an environment variable's inner structure. */
    public static final int UNKNOWN = -1;

    private final Type type;
    private final Object value;
    private final SourceFile source;
    private int line;
    private int pos;
    private int offset;
    private int keyOffset = UNKNOWN;
    private boolean usedVariable;
    private boolean fromEnvironment;
    private boolean viaVariable;
    private final long expandedSize;

    /** A complete value: a map's or an array's contents are final once it is made. */
    ConfValue(Type type, Object value, SourceFile source, int line, int pos, int offset) {
        this(type, value, source, line, pos, offset, ownWeight(type, value) + sizeOfContents(type, value));
    }

    private ConfValue(Type type, Object value, SourceFile source, int line, int pos, int offset, long expandedSize) {
        this.type = type;
        this.value = value;
        this.source = source;
        this.line = line;
        this.pos = pos;
        this.offset = offset;
        this.expandedSize = expandedSize;
    }

    @SuppressWarnings("unchecked")
    private static long sizeOfContents(Type type, Object value) {
        Iterable<ConfValue> contents = switch (type) {
            case MAP -> ((Map<String, ConfValue>) value).values();
            case ARRAY -> (List<ConfValue>) value;
            default -> List.of();
        };
        long size = 0;
        for (ConfValue inner : contents) {
            size += inner.expandedSize;
        }
        return size;
    }

    /**
     * What a value weighs without its contents, roughly its bytes in a print of the tree: 8, plus a
     * string's characters, plus a map's keys.
     */
    static long ownWeight(Type type, Object value) {
        long weight = 8;
        if (type == Type.STRING) {
            weight += ((String) value).length();
        } else if (type == Type.MAP) {
            for (Object key : ((Map<?, ?>) value).keySet()) {
                weight += ((String) key).length();
            }
        }
        return weight;
    }

    /**
     * What a walk or a print of this value meets, in {@link #ownWeight} units: what references share
     * is counted once per reference. Bounded by limits.max-expanded-size.
     */
    public long expandedSize() {
        return expandedSize;
    }

    public Type type() {
        return type;
    }

    /** The plain value, typed as described on the class. */
    public Object value() {
        return value;
    }

    @SuppressWarnings("unchecked")
    public Map<String, ConfValue> asMap() {
        return (Map<String, ConfValue>) value;
    }

    @SuppressWarnings("unchecked")
    public List<ConfValue> asList() {
        return (List<ConfValue>) value;
    }

    /** The file the value was written in; null for the inner parts of an environment variable's value. */
    public SourceFile source() {
        return source;
    }

    /** The server's line (1-based), or {@link #UNKNOWN}. For a map entry: its key's line. */
    public int serverLine() {
        return line;
    }

    /** The server's column: a byte offset, 0-based on line 1 and 1-based after; or {@link #UNKNOWN}. */
    public int serverColumn() {
        return pos;
    }

    /** True when the value came from an environment variable: its type and content are the runtime's. */
    public boolean fromEnvironment() {
        return fromEnvironment;
    }

    /** True when the value was written as a {@code $reference} (to the config or the environment). */
    public boolean viaVariable() {
        return viaVariable;
    }

    /** How the value is written in its file (e.g. {@code 2m}), or "" when that is not known. */
    public String writtenAs() {
        return source == null || offset == UNKNOWN ? "" : source.tokenAt(offset);
    }

    /** True when the value is a string written between quotes ('…' or "…"): its offset is right after the quote. */
    public boolean writtenQuoted() {
        if (type != Type.STRING || source == null || offset == UNKNOWN || offset == 0) {
            return false;
        }
        byte before = source.bytes()[offset - 1];
        return before == '"' || before == '\'';
    }

    /** True when a later {@code $reference} used this value. */
    public boolean usedVariable() {
        return usedVariable;
    }

    /** Where a person finds the value: a map entry's key, or the value itself; null when unknown. */
    public Position position() {
        return keyOffset != UNKNOWN ? source.positionOf(keyOffset) : valuePosition();
    }

    /** Where the value itself starts; null when unknown. */
    public Position valuePosition() {
        return source == null || offset == UNKNOWN ? null : source.positionOf(offset);
    }

    /** A copy of this value at the place of a reference to it (the contents are shared, as in the server). */
    ConfValue referencedAt(SourceFile where, Item reference) {
        ConfValue copy = new ConfValue(type, value, where, reference.line(), reference.pos(), reference.offset(), expandedSize);
        copy.viaVariable = true;
        return copy;
    }

    /** Placed into a map under a key: the server gives the entry the key's position. */
    void placeAtKey(Item key) {
        line = key.line();
        pos = key.pos();
        keyOffset = key.offset();
    }

    void markUsedVariable() {
        usedVariable = true;
    }

    /** The position this entry has in its own file, as an item, to be placed again by an includer. */
    Item asKeyItem(String key) {
        return new Item(Item.Type.KEY, key, line, pos, keyOffset);
    }

    /** Forgets the positions of everything inside: what the server's non-pedantic parse of an environment value gives. */
    static ConfValue withoutInnerPositions(ConfValue parsed, SourceFile where, Item reference) {
        ConfValue placed = new ConfValue(parsed.type, contentsWithoutPositions(parsed, new IdentityHashMap<>()), where,
                reference.line(), reference.pos(), reference.offset());
        placed.fromEnvironment = true;
        placed.viaVariable = true;
        return placed;
    }

    /**
     * A map's or an array's contents copied without positions, each shared contents copied once: a
     * value of a few hundred bytes that references itself twice per level must not copy into millions.
     */
    private static Object contentsWithoutPositions(ConfValue parsed, Map<Object, Object> copies) {
        if (parsed.type != Type.MAP && parsed.type != Type.ARRAY) {
            return parsed.value;
        }
        Object copy = copies.get(parsed.value);
        if (copy == null) {
            if (parsed.type == Type.MAP) {
                Map<String, ConfValue> map = new LinkedHashMap<>();
                parsed.asMap().forEach((k, v) -> map.put(k, withoutPositions(v, copies)));
                copy = map;
            } else {
                copy = parsed.asList().stream().map(v -> withoutPositions(v, copies)).toList();
            }
            copies.put(parsed.value, copy);
        }
        return copy;
    }

    private static ConfValue withoutPositions(ConfValue v, Map<Object, Object> copies) {
        ConfValue copy = new ConfValue(v.type, contentsWithoutPositions(v, copies), null, UNKNOWN, UNKNOWN, UNKNOWN);
        copy.fromEnvironment = true;
        copy.viaVariable = true;
        return copy;
    }

    @Override
    public String toString() {
        return type.jsonName + ":" + value;
    }
}
