package io.natsguard.model;

import io.natsguard.conf.ConfValue;
import java.util.Locale;
import java.util.Map;

/** The server reads option names case-insensitively; these helpers do too. */
public final class ConfigKeys {

    private ConfigKeys() {
    }

    /** The value of a key in a map, whatever its case; the last written wins when several spellings exist. */
    public static ConfValue get(ConfValue map, String key) {
        ConfValue found = null;
        for (Map.Entry<String, ConfValue> entry : map.asMap().entrySet()) {
            if (entry.getKey().toLowerCase(Locale.ROOT).equals(key)) {
                found = entry.getValue();
            }
        }
        return found;
    }

    /** The first of several alias names that is present. */
    public static ConfValue any(ConfValue map, String... keys) {
        for (String key : keys) {
            ConfValue v = get(map, key);
            if (v != null) {
                return v;
            }
        }
        return null;
    }
}
