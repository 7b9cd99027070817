package io.natsguard.source.helm;

import static io.natsguard.source.helm.ChartRenderException.helmFails;
import static io.natsguard.source.helm.ChartRenderException.notModeled;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The chart's own JSON patch (templates/_jsonpatch.tpl), with its error cases. The model holds only
 * part of most documents, so it applies only the operations that touch a modeled pointer and skips
 * the others (they change what natsguard does not look at).
 */
final class JsonPatch {

    /** Every pointer of the document is modeled. */
    static final List<List<String>> WHOLE = List.of(List.of());

    private static final Set<String> OPS = Set.of("add", "remove", "replace", "copy", "move", "test");

    private record Slot(Traced container, String key) {
    }

    private JsonPatch() {
    }

    static Traced apply(Traced doc, Traced patch, List<List<String>> modeled) {
        if (patch == null || patch.value() == null) {
            return doc;
        }
        if (!patch.isList()) {
            throw notModeled("a patch that is not a list", patch.from());
        }
        Map<String, Traced> holder = new LinkedHashMap<>();
        holder.put("doc", doc.deepCopy());
        Traced root = new Traced(holder, doc.from());
        for (Traced op : patch.list()) {
            applyOne(root, op, modeled);
        }
        return holder.getOrDefault("doc", new Traced(null, doc.from()));
    }

    private static void applyOne(Traced root, Traced op, List<List<String>> modeled) {
        Provenance at = op.from();
        String name = required(op, "op", "patch is missing op key");
        if (!OPS.contains(name)) {
            throw helmFails("patch has invalid op " + name, at);
        }
        String path = required(op, "path", "patch is missing path key");
        Traced value = op.at("value");
        if (Set.of("add", "replace", "test").contains(name) && value == null) {
            throw helmFails("patch with op " + name + " is missing value key", at);
        }
        String from = Set.of("copy", "move").contains(name) ? required(op, "from", "patch with op " + name
                + " is missing from key") : null;
        List<String> pathTokens = pointer(path, "path", at);
        List<String> fromTokens = from == null ? null : pointer(from, "from", at);
        boolean pathModeled = touches(pathTokens, modeled);
        boolean fromModeled = fromTokens != null && touches(fromTokens, modeled);
        if (!pathModeled && !fromModeled) {
            return;
        }
        if (pathModeled && fromTokens != null && !fromModeled) {
            throw notModeled("a patch " + name + " from " + from + " (only " + describe(modeled) + " is modeled)", at);
        }
        switch (name) {
            case "add" -> add(slot(root, pathTokens, at), value.deepCopy(), name, at);
            case "remove" -> remove(slot(root, pathTokens, at), name, at);
            case "replace" -> {
                remove(slot(root, pathTokens, at), name, at);
                add(slot(root, pathTokens, at), value.deepCopy(), name, at);
            }
            case "test" -> {
                Traced actual = get(slot(root, pathTokens, at), name, at);
                if (!Traced.sameJson(value, actual)) {
                    throw helmFails("patch test of " + path + " failed", at);
                }
            }
            case "copy" -> {
                if (pathModeled) {
                    add(slot(root, pathTokens, at), get(slot(root, fromTokens, at), name, at).deepCopy(), name, at);
                }
            }
            default -> move(root, pathTokens, fromTokens, pathModeled, at);
        }
    }

    private static void move(Traced root, List<String> path, List<String> from, boolean pathModeled, Provenance at) {
        String pathText = String.join("/", path) + "/";
        if (!path.equals(from) && pathText.startsWith(String.join("/", from) + "/")) {
            throw helmFails("from may not be a child of path", at);
        }
        Traced moved = get(slot(root, from, at), "move", at);
        remove(slot(root, from, at), "move", at);
        if (pathModeled) {
            add(slot(root, path, at), moved, "move", at);
        }
    }

    private static String required(Traced op, String key, String missing) {
        if (!op.isMap()) {
            throw helmFails("a patch entry is not a map", op.from());
        }
        if (!op.map().containsKey(key)) {
            throw helmFails(missing, op.from());
        }
        return GoValues.text(op.at(key));
    }

    private static List<String> pointer(String text, String which, Provenance at) {
        if (text.isEmpty()) {
            return List.of();
        }
        if (!text.startsWith("/")) {
            throw helmFails("invalid " + which + " " + text + " must be empty string or start with /", at);
        }
        return Arrays.stream(text.substring(1).split("/", -1))
                .map(token -> token.replace("~1", "/").replace("~0", "~")).toList();
    }

    private static boolean touches(List<String> pointer, List<List<String>> modeled) {
        return modeled.stream().anyMatch(root -> isPrefix(root, pointer) || isPrefix(pointer, root));
    }

    private static boolean isPrefix(List<String> prefix, List<String> of) {
        return prefix.size() <= of.size() && of.subList(0, prefix.size()).equals(prefix);
    }

    private static String describe(List<List<String>> modeled) {
        return String.join(", ", modeled.stream().map(p -> "/" + String.join("/", p)).toList());
    }

    /** Walks to the container of the pointer's last token; every step before it must exist. */
    private static Slot slot(Traced root, List<String> tokens, Provenance at) {
        Traced container = root;
        String key = "doc";
        for (String token : tokens) {
            Traced next = container.isMap() ? container.map().get(key)
                    : container.isList() ? element(container.list(), key) : null;
            if (next == null) {
                throw helmFails(container.isMap() || container.isList() ? "key " + key + " does not exist"
                        : "cannot iterate into path " + key + " on type " + kind(container), at);
            }
            container = next;
            key = token;
        }
        return new Slot(container, key);
    }

    private static Traced element(List<Traced> list, String key) {
        int i = index(key);
        return i >= 0 && i < list.size() ? list.get(i) : null;
    }

    private static Traced get(Slot slot, String op, Provenance at) {
        Traced container = slot.container();
        if (container.isMap()) {
            Traced value = container.map().get(slot.key());
            if (value == null) {
                throw helmFails(slot.key() + " does not exist", at);
            }
            return value;
        }
        return container.list().get(existingIndex(slot, op, at));
    }

    private static void remove(Slot slot, String op, Provenance at) {
        Traced container = slot.container();
        if (container.isMap()) {
            if (container.map().remove(slot.key()) == null) {
                throw helmFails(slot.key() + " does not exist", at);
            }
            return;
        }
        container.list().remove(existingIndex(slot, op, at));
    }

    private static void add(Slot slot, Traced value, String op, Provenance at) {
        Traced container = slot.container();
        if (container.isMap()) {
            container.map().put(slot.key(), value);
            return;
        }
        List<Traced> list = listOf(slot, op, at);
        int i = slot.key().equals("-") ? list.size() : checkedIndex(slot.key(), at);
        if (i > list.size()) {
            throw helmFails("slice index > slice length", at);
        }
        list.add(i, value);
    }

    private static int existingIndex(Slot slot, String op, Provenance at) {
        List<Traced> list = listOf(slot, op, at);
        int i = checkedIndex(slot.key(), at);
        if (i >= list.size()) {
            throw helmFails("slice index >= slice length", at);
        }
        return i;
    }

    private static List<Traced> listOf(Slot slot, String op, Provenance at) {
        if (!slot.container().isList()) {
            throw helmFails("cannot " + op + " " + slot.key() + " on type " + kind(slot.container()), at);
        }
        return slot.container().list();
    }

    private static int checkedIndex(String key, Provenance at) {
        if (!key.matches("0|-?[1-9][0-9]{0,8}")) {
            throw helmFails("cannot convert " + key + " to int", at);
        }
        int i = Integer.parseInt(key);
        if (i < 0) {
            throw helmFails("slice index <0", at);
        }
        return i;
    }

    /** The index a token names, or -1 (the chart walks a list as a map keyed "0", "1", ...). */
    private static int index(String key) {
        return key.matches("0|[1-9][0-9]{0,8}") ? Integer.parseInt(key) : -1;
    }

    private static String kind(Traced value) {
        Object v = value.value();
        return v == null ? "invalid" : v instanceof String ? "string" : v instanceof Boolean ? "bool" : "float64";
    }
}
