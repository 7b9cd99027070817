package io.natsguard.source.helm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A value as Helm holds it after reading YAML (null, String, Long, Double, Boolean, a map with string
 * keys or a list), every part of it with its provenance. Maps and lists hold {@code Traced} values.
 * The model builds new trees and edits only its own copies; callers must not modify them.
 */
public record Traced(Object value, Provenance from) {

    public boolean isMap() {
        return value instanceof Map;
    }

    public boolean isList() {
        return value instanceof List;
    }

    @SuppressWarnings("unchecked")
    public Map<String, Traced> map() {
        return (Map<String, Traced>) value;
    }

    @SuppressWarnings("unchecked")
    public List<Traced> list() {
        return (List<Traced>) value;
    }

    /** The value under a path of map keys, or null when a step is missing or not a map. */
    public Traced at(String... path) {
        Traced current = this;
        for (String key : path) {
            if (current == null || !current.isMap()) {
                return null;
            }
            current = current.map().get(key);
        }
        return current;
    }

    /** A copy with new maps and lists (sprig's deepCopy), so that edits never reach the original. */
    public Traced deepCopy() {
        if (isMap()) {
            Map<String, Traced> copy = new LinkedHashMap<>();
            map().forEach((k, v) -> copy.put(k, v.deepCopy()));
            return new Traced(copy, from);
        }
        if (isList()) {
            List<Traced> copy = new ArrayList<>();
            list().forEach(v -> copy.add(v.deepCopy()));
            return new Traced(copy, from);
        }
        return this;
    }

    /** The value without provenance: plain maps, lists and scalars. */
    public Object plain() {
        if (isMap()) {
            Map<String, Object> plain = new LinkedHashMap<>();
            map().forEach((k, v) -> plain.put(k, v.plain()));
            return plain;
        }
        if (isList()) {
            return list().stream().map(Traced::plain).toList();
        }
        return value;
    }

    /** Go's deepEqual after the JSON round trip the chart's patch code makes: every number is a float64. */
    static boolean sameJson(Traced a, Traced b) {
        return Objects.equals(jsonNumbers(a.plain()), jsonNumbers(b.plain()));
    }

    private static Object jsonNumbers(Object plain) {
        if (plain instanceof Number n) {
            return n.doubleValue();
        }
        if (plain instanceof Map<?, ?> m) {
            Map<Object, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put(k, jsonNumbers(v)));
            return out;
        }
        if (plain instanceof List<?> l) {
            return l.stream().map(Traced::jsonNumbers).toList();
        }
        return plain;
    }
}
