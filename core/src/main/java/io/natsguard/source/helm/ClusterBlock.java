package io.natsguard.source.helm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code cluster} block of the rendered nats.conf.
 *
 * @param tree          the whole block, every value with its provenance
 * @param name          {@code name} as written, or null when the block has none
 * @param port          {@code port} as written, or null
 * @param noAdvertise   {@code no_advertise} as written, or null
 * @param routes        {@code routes}: null when the key is absent; a fact whose value is null when the
 *                      conf says {@code null} (or anything but a list, see {@code tree}); else one URL
 *                      each (an entry that is no string is given as its JSON)
 * @param authorization where {@code authorization} comes from, or null when the block has none
 * @param tls           where {@code tls} comes from, or null when the block has none
 * @param includes      the paths of the {@code include} lines the chart writes inside the block, in order
 */
public record ClusterBlock(Traced tree, Fact<Object> name, Fact<Object> port, Fact<Object> noAdvertise,
        Fact<List<Fact<String>>> routes, Provenance authorization, Provenance tls, List<Fact<String>> includes) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static ClusterBlock of(Traced tree) {
        Map<String, Traced> map = tree.map();
        return new ClusterBlock(tree, fact(map.get("name")), fact(map.get("port")), fact(map.get("no_advertise")),
                routes(map.get("routes")), from(map.get("authorization")), from(map.get("tls")), includes(map));
    }

    private static Fact<Object> fact(Traced value) {
        return value == null ? null : new Fact<>(value.plain(), value.from());
    }

    private static Provenance from(Traced value) {
        return value == null ? null : value.from();
    }

    private static Fact<List<Fact<String>>> routes(Traced routes) {
        if (routes == null) {
            return null;
        }
        List<Fact<String>> urls = routes.isList()
                ? routes.list().stream().map(r -> new Fact<>(asString(r), r.from())).toList() : null;
        return new Fact<>(urls, routes.from());
    }

    private static String asString(Traced value) {
        if (value.value() instanceof String s) {
            return s;
        }
        try {
            return JSON.writeValueAsString(value.plain());
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** nats.formatConfig turns a key ending in "$include" with a string value into an include line; keys are sorted. */
    private static List<Fact<String>> includes(Map<String, Traced> block) {
        return new TreeMap<>(block).entrySet().stream()
                .filter(e -> e.getKey().endsWith("$include") && e.getValue().value() instanceof String)
                .map(e -> new Fact<>((String) e.getValue().value(), e.getValue().from())).toList();
    }
}
