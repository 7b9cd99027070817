package io.natsguard.rule;

import io.natsguard.conf.ConfValue;
import io.natsguard.model.Cluster;
import io.natsguard.model.ConfigKeys;
import io.natsguard.model.ServerOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The blocks whose keys nats-server checks, each with the table of options it accepts. */
final class ConfigWalk {

    /** A map of the config and what it may hold. */
    record Block(String name, ConfValue map, Map<String, Set<ConfValue.Type>> options) {
    }

    private ConfigWalk() {
    }

    /** The top level, the cluster block, its authorization, and every tls block the server reads with parseTLS. */
    static List<Block> checkedBlocks(Cluster cluster) {
        List<Block> blocks = new ArrayList<>();
        if (cluster.config() == null || cluster.config().root() == null) {
            return blocks;
        }
        ConfValue root = cluster.config().root();
        blocks.add(new Block("the top level", root, ServerOptions.TOP_LEVEL));
        addTls(blocks, root, "tls");
        for (String parent : List.of("gateway", "leafnodes", "leaf", "websocket", "ws", "mqtt")) {
            ConfValue block = map(root, parent);
            if (block != null) {
                addTls(blocks, block, parent + ".tls");
            }
        }
        ConfValue clusterBlock = cluster.clusterBlock();
        if (clusterBlock != null) {
            blocks.add(new Block("the cluster block", clusterBlock, ServerOptions.CLUSTER));
            addTls(blocks, clusterBlock, "cluster.tls");
            ConfValue auth = map(clusterBlock, "authorization");
            if (auth != null) {
                blocks.add(new Block("cluster.authorization", auth, ServerOptions.CLUSTER_AUTHORIZATION));
            }
        }
        return blocks;
    }

    private static void addTls(List<Block> blocks, ConfValue parent, String name) {
        ConfValue tls = map(parent, "tls");
        if (tls != null) {
            blocks.add(new Block(name, tls, ServerOptions.TLS));
        }
    }

    private static ConfValue map(ConfValue parent, String key) {
        ConfValue v = ConfigKeys.get(parent, key);
        return v != null && v.type() == ConfValue.Type.MAP ? v : null;
    }

    static String lower(String key) {
        return key.toLowerCase(Locale.ROOT);
    }

    /** The known option closest to a misspelt one (at most two edits away), or null. */
    static String closest(String key, Set<String> known) {
        String best = null;
        int bestDistance = 3;
        for (String candidate : known) {
            int d = distance(lower(key), candidate);
            if (d < bestDistance) {
                bestDistance = d;
                best = candidate;
            }
        }
        return best;
    }

    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
