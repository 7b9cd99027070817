package io.natsguard.model;

import io.natsguard.base.Position;
import io.natsguard.conf.ConfParseException;
import io.natsguard.conf.ConfParser;
import io.natsguard.conf.ConfValue;
import io.natsguard.conf.GoJson;
import io.natsguard.conf.IncludeReader;
import io.natsguard.source.HelmValues;
import io.natsguard.source.Origin;
import io.natsguard.source.Yaml;
import io.natsguard.source.helm.ChartRender;
import io.natsguard.source.helm.ClusterBlock;
import io.natsguard.source.helm.Fact;
import io.natsguard.source.helm.Provenance;
import io.natsguard.source.helm.Traced;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Node;

/**
 * What the official NATS chart deploys for a HelmRelease or an Application, as a cluster the rules
 * can check: the StatefulSet it makes, and the cluster block of the nats.conf it writes, each line of
 * which points at the values line that caused it.
 */
final class ChartClusters {

    /** Where the chart mounts its config; includes relative to it are not modeled. */
    static final String CONFIG_PATH = "/etc/nats-config/nats.conf";

    private ChartClusters() {
    }

    /** The chart's includes are not modeled: an include in values the chart writes into nats.conf reads nothing. */
    static final IncludeReader NO_INCLUDES = path -> {
        throw new IOException("open " + path + ": includes of the chart are not modeled");
    };

    /** The cluster the chart makes; {@code parser} reads the nats.conf it writes (within the run's limits). */
    static Cluster of(HelmValues values, ChartRender render, Services services, ConfParser parser) {
        Position owner = values.owner().position();
        NatsConfig config = render.cluster() == null ? null : config(values, render.cluster(), owner, parser);
        Fact<Integer> replicas = render.replicas();
        Workload workload = new Workload(values.owner(), "StatefulSet", orElse(render.statefulSetName(), values.releaseName()),
                orElse(render.namespace(), values.namespace()), replicas.value(), at(replicas.from(), owner),
                orElse(render.headlessServiceName(), null), "nats", image(values), CONFIG_PATH, argRoutes(render.natsArgs(), owner),
                null, null, null, Map.of());
        return new Cluster(workload, config, services, values, List.of());
    }

    /**
     * The image the chart runs: {@code container.image.repository:tag} of the values, else the chart's
     * default, which from chart 2.12 on is the server release of the chart's own version ("" when
     * neither says: a version range, a 1.x chart or none at all, judged as the newest release).
     */
    static String image(HelmValues values) {
        Node merged = values.merged().values();
        String repository = Yaml.string(merged, "container", "image", "repository").orElse("nats");
        Optional<String> tag = Yaml.string(merged, "container", "image", "tag");
        if (tag.isPresent()) {
            return repository + ":" + tag.get();
        }
        String chart = values.version().written();
        return NatsVersion.parse(chart).filter(v -> v.patch() >= 0 && v.sameLineOrNewer(NatsVersion.of(2, 12, 0)))
                .map(v -> repository + ":" + v + "-alpine").orElse("");
    }

    /** {@code --routes} among the container's arguments (they override the file's routes). */
    private static List<Route> argRoutes(List<Fact<String>> args, Position owner) {
        List<Route> routes = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i).value();
            String value = null;
            Provenance from = args.get(i).from();
            if (arg.matches("--?routes=.*")) {
                value = arg.substring(arg.indexOf('=') + 1);
            } else if (arg.matches("--?routes") && i + 1 < args.size()) {
                from = args.get(i + 1).from();
                value = args.get(++i).value();
            }
            if (value != null) {
                for (String url : value.split(",")) {
                    if (!url.isBlank()) {
                        routes.add(new Route(url.trim(), at(from, owner)));
                    }
                }
            }
        }
        return routes;
    }

    private static NatsConfig config(HelmValues values, ClusterBlock block, Position owner, ConfParser parser) {
        ConfWriter writer = new ConfWriter();
        writer.block("cluster", block.tree(), 0);
        String name = CONFIG_PATH + " (chart nats, " + values.owner().label() + ")";
        Origin origin = new Origin.Lines(writer.lines, at(block.tree().from(), owner));
        String label = "nats.conf of chart nats for " + values.owner().label();
        try {
            ConfValue root = parser.parse(name, writer.text.toString().getBytes(StandardCharsets.UTF_8));
            return new NatsConfig(label, root, null, Map.of(name, origin), false);
        } catch (ConfParseException e) {
            return new NatsConfig(label, null, e, Map.of(name, origin), false);
        }
    }

    private static String orElse(Fact<String> fact, String fallback) {
        return fact == null || fact.value() == null || fact.value().isBlank() ? fallback : fact.value();
    }

    private static Position at(Provenance from, Position fallback) {
        return from == null || from.position() == null ? fallback : from.position();
    }

    /** Writes a values tree as NATS config, one value a line, remembering which values line each config line came from. */
    private static final class ConfWriter {
        /** The chart's {@code "<<\\s+(.*?)\\s+>>"}; a JSON string holds no raw quote, so a match is the whole string. */
        private static final Pattern UNQUOTE_MARKER = Pattern.compile("\"<<\\s+(.*?)\\s+>>\"");

        private final StringBuilder text = new StringBuilder();
        private final Map<Integer, Position> lines = new HashMap<>();
        private int line = 1;

        void block(String key, Traced map, int depth) {
            emit(depth, string(key) + " {", map.from());
            map.map().forEach((k, v) -> {
                if (!k.endsWith("$include")) { // the chart's include lines name files natsguard does not see
                    entry(k, v, depth + 1);
                }
            });
            emit(depth, "}", map.from());
        }

        private void entry(String key, Traced value, int depth) {
            if (value.isMap()) {
                block(key, value, depth);
            } else if (value.isList()) {
                emit(depth, string(key) + ": [", value.from());
                for (Traced item : value.list()) {
                    if (item.isMap()) {
                        block("", item, depth + 1);
                    } else {
                        emit(depth + 1, scalar(item.value()), item.from());
                    }
                }
                emit(depth, "]", value.from());
            } else {
                emit(depth, string(key) + ": " + scalar(value.value()), value.from());
            }
        }

        private void emit(int depth, String content, Provenance from) {
            text.append("  ".repeat(depth)).append(content.startsWith("\"\" {") ? "{" : content).append('\n');
            if (from != null && from.position() != null) {
                lines.put(line, from.position());
            }
            line++;
        }

        /**
         * A scalar as the chart writes it: {@code toPrettyJson} (Go's encoding/json, where every YAML
         * number is a float64), then {@code nats.formatConfig}'s rewrite of a whole string
         * {@code "<< X >>"} into the bare text X.
         */
        private static String scalar(Object value) {
            if (value == null || value instanceof Boolean) {
                return String.valueOf(value);
            }
            if (value instanceof Number n) {
                return GoJson.number(n.doubleValue());
            }
            return string(value.toString());
        }

        private static String string(String s) {
            String quoted = GoJson.string(s);
            Matcher marker = UNQUOTE_MARKER.matcher(quoted);
            return marker.matches() ? marker.group(1) : quoted;
        }
    }
}
