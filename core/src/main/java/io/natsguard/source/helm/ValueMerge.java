package io.natsguard.source.helm;

import java.util.Map;

/** The two ways values are combined: Helm's coalescing of user values over chart defaults, and sprig's mergeOverwrite. */
final class ValueMerge {

    private ValueMerge() {
    }

    /**
     * Helm's coalesce: the user's value wins, maps merge key by key, and a user null deletes the
     * chart default (the way to unset a default).
     */
    static Traced coalesce(Traced user, Traced defaults) {
        Traced result = user.deepCopy();
        Map<String, Traced> out = result.map();
        defaults.map().forEach((key, byDefault) -> {
            Traced mine = out.get(key);
            if (mine == null) {
                out.put(key, byDefault.deepCopy());
            } else if (mine.value() == null) {
                out.remove(key);
            } else if (mine.isMap() && byDefault.isMap()) {
                out.put(key, coalesce(mine, byDefault));
            }
        });
        return result;
    }

    /**
     * sprig's mergeOverwrite of {@code merge} into a copy of {@code doc}: maps merge key by key,
     * anything else (lists, false, null, an empty list) replaces. A {@code merge} that is not a map
     * is ignored, as sprig swallows mergo's error.
     */
    static Traced overwrite(Traced doc, Traced merge) {
        Traced result = doc.deepCopy();
        if (merge != null && merge.isMap() && result.isMap()) {
            into(result.map(), merge.map());
        }
        return result;
    }

    private static void into(Map<String, Traced> dst, Map<String, Traced> src) {
        src.forEach((key, value) -> {
            Traced existing = dst.get(key);
            if (existing != null && existing.isMap() && value.isMap()) {
                into(existing.map(), value.map());
            } else {
                dst.put(key, value.deepCopy());
            }
        });
    }
}
