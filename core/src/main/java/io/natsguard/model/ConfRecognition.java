package io.natsguard.model;

import io.natsguard.conf.ConfKeys;
import io.natsguard.conf.ConfValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Whether a {@code .conf} file is NATS server configuration: what nats-server could run with, or
 * plainly meant for it. A file named {@code nats*.conf} is; so is one that parses and sets nats-server
 * options (of the types the server takes) at least as many as keys it does not know (an nginx.conf or
 * a redis.conf sets mostly others); so is one that does not parse but names a {@code cluster} or
 * {@code routes} key, or more nats-server options than other keys before it stops. Keys defined only
 * to be used as {@code $variables} count for neither side.
 */
final class ConfRecognition {

    private static final int NAMES_SHOWN = 4;

    private ConfRecognition() {
    }

    /** Why the file is not NATS configuration; empty when it is. */
    static Optional<String> notNats(String path, byte[] content, NatsConfig config) {
        String base = path.substring(path.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        if (base.startsWith("nats")) {
            return Optional.empty();
        }
        List<String> options = new ArrayList<>();
        List<String> others = new ArrayList<>();
        if (config.root() != null) {
            for (Map.Entry<String, ConfValue> entry : config.root().asMap().entrySet()) {
                Set<ConfValue.Type> types = ServerOptions.TOP_LEVEL.get(entry.getKey().toLowerCase(Locale.ROOT));
                if (types != null && types.contains(entry.getValue().type())) {
                    options.add(entry.getKey());
                } else if (!entry.getValue().usedVariable()) {
                    others.add(entry.getKey());
                }
            }
            return verdict(options, others, "");
        }
        ConfKeys keys = ConfKeys.of(content);
        if (keys.all().contains("cluster") || keys.all().contains("routes")) {
            return Optional.empty();
        }
        keys.topLevel().forEach(key -> (ServerOptions.TOP_LEVEL.containsKey(key) ? options : others).add(key));
        return verdict(options, others, "does not parse as NATS config and, before it stops, ");
    }

    private static Optional<String> verdict(List<String> options, List<String> others, String prefix) {
        if (!options.isEmpty() && options.size() >= others.size()) {
            return Optional.empty();
        }
        if (options.isEmpty()) {
            return Optional.of(prefix + "sets no nats-server option" + (others.isEmpty() ? "" : " (its keys: " + names(others) + ")"));
        }
        return Optional.of(prefix + "sets fewer nats-server options (" + names(options) + ") than other keys ("
                + names(others) + ")");
    }

    private static String names(List<String> keys) {
        List<String> shown = keys.stream().distinct().limit(NAMES_SHOWN).toList();
        return String.join(", ", shown) + (keys.stream().distinct().count() > NAMES_SHOWN ? ", ..." : "");
    }
}
