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

    /**
     * A map of the config and what it may hold.
     *
     * @param name    how a message names it
     * @param map     the map
     * @param table   its block in {@link ServerOptions}' table
     * @param options the options it takes and their types (as the newest release knows them)
     */
    record Block(String name, ConfValue map, String table, Map<String, Set<ConfValue.Type>> options) {

        Block(String name, ConfValue map, String table) {
            this(name, map, table, ServerOptions.types(table));
        }
    }

    /** Top-level blocks read by their own parser: the key (and its alias) and the table's block. */
    private static final List<List<String>> TOP_BLOCKS = List.of(List.of("authorization", "authorization"),
            List.of("leafnodes", "leafnodes"), List.of("leaf", "leafnodes"), List.of("gateway", "gateway"),
            List.of("jetstream", "jetstream"), List.of("websocket", "websocket"), List.of("ws", "websocket"),
            List.of("mqtt", "mqtt"));

    private ConfigWalk() {
    }

    /**
     * The top level, the cluster block and its authorization, the authorization, leafnodes, gateway,
     * jetstream (as a map), websocket and mqtt blocks, each account of a map of accounts, and every tls
     * block the server reads with parseTLS.
     */
    static List<Block> checkedBlocks(Cluster cluster) {
        List<Block> blocks = new ArrayList<>();
        if (cluster.config() == null || cluster.config().root() == null) {
            return blocks;
        }
        ConfValue root = cluster.config().root();
        blocks.add(new Block("the top level", root, "top"));
        for (List<String> top : TOP_BLOCKS) {
            ConfValue block = map(root, top.get(0));
            if (block != null) {
                blocks.add(new Block("the " + top.get(0) + " block", block, top.get(1)));
            }
        }
        ConfValue clusterBlock = cluster.clusterBlock();
        if (clusterBlock != null) {
            blocks.add(new Block("the cluster block", clusterBlock, "cluster"));
            ConfValue auth = map(clusterBlock, "authorization");
            if (auth != null) {
                blocks.add(new Block("cluster.authorization", auth, "cluster.authorization"));
            }
        }
        ConfValue accounts = map(root, "accounts");
        if (accounts != null) {
            accounts.asMap().forEach((name, account) -> {
                if (account.type() == ConfValue.Type.MAP) {
                    blocks.add(new Block("account " + name, account, "accounts.account"));
                }
            });
        }
        // the same tls blocks tls-config-invalid checks, remotes included: one list of what parseTLS reads
        TlsBlocks.of(root).forEach(tls -> blocks.add(new Block(tls.name(), tls.map(), "tls")));
        return blocks;
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
