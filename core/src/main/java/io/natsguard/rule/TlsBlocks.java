package io.natsguard.rule;

import io.natsguard.conf.ConfValue;
import io.natsguard.model.ConfigKeys;
import java.util.ArrayList;
import java.util.List;

/** Every tls block nats-server reads with parseTLS, its remotes' and proxies' included. */
final class TlsBlocks {

    /**
     * One tls block.
     *
     * @param name          where it is, for messages ("leafnodes.remotes[0].tls")
     * @param map           the block
     * @param clientContext whether the server reads it as a client's (all but cluster and gateway blocks), where
     *                      verify_cert_and_check_known_urls is refused
     */
    record Block(String name, ConfValue map, boolean clientContext) {
    }

    private TlsBlocks() {
    }

    static List<Block> of(ConfValue root) {
        List<Block> blocks = new ArrayList<>();
        if (root == null) {
            return blocks;
        }
        add(blocks, "tls", ConfigKeys.get(root, "tls"), true);
        add(blocks, "resolver_tls", ConfigKeys.get(root, "resolver_tls"), true);
        ConfValue cluster = map(ConfigKeys.get(root, "cluster"));
        if (cluster != null) {
            add(blocks, "cluster.tls", ConfigKeys.get(cluster, "tls"), false);
        }
        ConfValue gateway = map(ConfigKeys.get(root, "gateway"));
        if (gateway != null) {
            add(blocks, "gateway.tls", ConfigKeys.get(gateway, "tls"), false);
            eachMap(ConfigKeys.get(gateway, "gateways"), (i, remote) ->
                    add(blocks, "gateway.gateways[" + i + "].tls", ConfigKeys.get(remote, "tls"), false));
        }
        for (String name : List.of("leafnodes", "leaf")) {
            ConfValue leaf = map(ConfigKeys.get(root, name));
            if (leaf != null) {
                add(blocks, name + ".tls", ConfigKeys.get(leaf, "tls"), true);
                eachMap(ConfigKeys.get(leaf, "remotes"), (i, remote) -> {
                    add(blocks, name + ".remotes[" + i + "].tls", ConfigKeys.get(remote, "tls"), true);
                    ConfValue proxy = map(ConfigKeys.get(remote, "proxy"));
                    if (proxy != null) {
                        add(blocks, name + ".remotes[" + i + "].proxy.tls", ConfigKeys.get(proxy, "tls"), true);
                    }
                });
            }
        }
        for (String name : List.of("websocket", "ws", "mqtt")) {
            ConfValue block = map(ConfigKeys.get(root, name));
            if (block != null) {
                add(blocks, name + ".tls", ConfigKeys.get(block, "tls"), true);
            }
        }
        return blocks;
    }

    private interface IndexedMap {
        void accept(int index, ConfValue map);
    }

    private static void eachMap(ConfValue list, IndexedMap action) {
        if (list != null && list.type() == ConfValue.Type.ARRAY) {
            List<ConfValue> elements = list.asList();
            for (int i = 0; i < elements.size(); i++) {
                if (map(elements.get(i)) != null) {
                    action.accept(i, elements.get(i));
                }
            }
        }
    }

    private static void add(List<Block> blocks, String name, ConfValue tls, boolean clientContext) {
        if (map(tls) != null) {
            blocks.add(new Block(name, tls, clientContext));
        }
    }

    /** A block written in the file: one from an environment variable is the runtime's, and has no positions. */
    private static ConfValue map(ConfValue value) {
        return value != null && value.type() == ConfValue.Type.MAP && !value.fromEnvironment() ? value : null;
    }
}
