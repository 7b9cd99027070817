package io.natsguard.model;

import io.natsguard.conf.ConfParseException;
import io.natsguard.conf.ConfParser;
import io.natsguard.conf.ConfValue;
import io.natsguard.conf.Position;
import io.natsguard.source.HelmValues;
import io.natsguard.source.Origin;
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

    static Cluster of(HelmValues values, ChartRender render, Services services) {
        Position owner = values.owner().position();
        NatsConfig config = render.cluster() == null ? null : config(values, render.cluster(), owner);
        Fact<Integer> replicas = render.replicas();
        Workload workload = new Workload(values.owner(), "StatefulSet", orElse(render.statefulSetName(), values.releaseName()),
                orElse(render.namespace(), values.namespace()), replicas.value(), at(replicas.from(), owner),
                orElse(render.headlessServiceName(), null), "nats", CONFIG_PATH, argRoutes(render.natsArgs(), owner),
                null, null, null, Map.of());
        return new Cluster(workload, config, services, ADVICE);
    }

    /** How the findings of a chart-made cluster are fixed in the chart's values. */
    private static final Map<String, String> ADVICE = Map.of(
            "cluster-tls-missing", "With the NATS chart: its default config.cluster.tls.enabled is false; set "
                    + "config.cluster.tls.enabled: true and config.cluster.tls.secretName in the values.",
            "cluster-tls-insecure", "With the NATS chart: remove insecure from config.cluster.tls.merge.",
            "routes-single-dns-name", "With the NATS chart: remove config.cluster.merge.routes (or the patch of "
                    + "/cluster/routes) and the chart writes one route per pod.",
            "routes-incomplete", "With the NATS chart: set config.cluster.replicas (its default is 3) instead of "
                    + "changing the StatefulSet's replicas through statefulSet.merge or patch, and drop hand-written routes.",
            "routes-missing", "With the NATS chart: remove the override that empties config.cluster routes.",
            "route-credentials-plaintext", "With the NATS chart: keep config.cluster.routeURLs.password out of plain "
                    + "values (a Secret in Flux valuesFrom, or TLS certificates for route authentication).");

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

    private static NatsConfig config(HelmValues values, ClusterBlock block, Position owner) {
        ConfWriter writer = new ConfWriter();
        writer.block("cluster", block.tree(), 0);
        String name = CONFIG_PATH + " (chart nats, " + values.owner().label() + ")";
        Origin origin = new Origin.Lines(writer.lines, at(block.tree().from(), owner));
        String label = "nats.conf of chart nats for " + values.owner().label();
        try {
            ConfValue root = new ConfParser(ClusterModelBuilder.lenient(Map.of()), path -> {
                throw new IOException("open " + path + ": includes of the chart are not modeled");
            }).parse(name, writer.text.toString().getBytes(StandardCharsets.UTF_8));
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
        private final StringBuilder text = new StringBuilder();
        private final Map<Integer, Position> lines = new HashMap<>();
        private int line = 1;

        void block(String key, Traced map, int depth) {
            emit(depth, quoteKey(key) + " {", map.from());
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
                emit(depth, quoteKey(key) + ": [", value.from());
                for (Traced item : value.list()) {
                    if (item.isMap()) {
                        block("", item, depth + 1);
                    } else {
                        emit(depth + 1, scalar(item.value()), item.from());
                    }
                }
                emit(depth, "]", value.from());
            } else {
                emit(depth, quoteKey(key) + ": " + scalar(value.value()), value.from());
            }
        }

        private void emit(int depth, String content, Provenance from) {
            text.append("  ".repeat(depth)).append(content.startsWith("\"\" {") ? "{" : content).append('\n');
            if (from != null && from.position() != null) {
                lines.put(line, from.position());
            }
            line++;
        }

        private static String quoteKey(String key) {
            return "\"" + key.replace("\"", "") + "\"";
        }

        /** A value as the chart's JSON-like output means it, in NATS syntax. */
        private static String scalar(Object value) {
            if (value == null) {
                return "null";
            }
            if (value instanceof Boolean || value instanceof Long || value instanceof Integer || value instanceof java.math.BigInteger) {
                return value.toString();
            }
            if (value instanceof Double d) {
                return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString(d.longValue()) : d.toString();
            }
            StringBuilder out = new StringBuilder("\"");
            for (char c : value.toString().toCharArray()) {
                switch (c) {
                    case '"' -> out.append("\\\"");
                    case '\\' -> out.append("\\\\");
                    case '\n' -> out.append("\\n");
                    case '\t' -> out.append("\\t");
                    case '\r' -> out.append("\\r");
                    default -> {
                        if (c < 0x20) {
                            out.append(String.format("\\x%02x", (int) c));
                        } else {
                            out.append(c);
                        }
                    }
                }
            }
            return out.append('"').toString();
        }
    }
}
