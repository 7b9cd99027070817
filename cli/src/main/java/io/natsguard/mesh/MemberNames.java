package io.natsguard.mesh;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What each server is called in a mesh report, and which server a route leads to. A server goes
 * by its server_name (by its host when it never answered); servers that share a name are told
 * apart by their endpoint's host ({@code nats@nats-0}, {@code nats@10.0.0.7:8222}), or by the
 * whole endpoint when the hosts read alike too. Routes are followed by ID, never by name.
 */
final class MemberNames {

    private final List<String> labels = new ArrayList<>();
    private final Map<String, String> byId = new HashMap<>();
    private final Map<String, String> byName = new HashMap<>();

    /** @param servers each server's snapshots, one server per entry */
    MemberNames(List<List<Snapshot>> servers) {
        List<String> names = servers.stream()
                .map(seen -> Snapshot.lastAnswered(seen).map(Snapshot::serverName).orElse(shortName(seen.get(0).endpoint()))).toList();
        List<String> byHost = new ArrayList<>();
        for (int i = 0; i < servers.size(); i++) {
            String name = names.get(i);
            byHost.add(Collections.frequency(names, name) == 1 ? name : name + "@" + shortName(servers.get(i).get(0).endpoint()));
        }
        for (int i = 0; i < servers.size(); i++) {
            String label = byHost.get(i);
            labels.add(Collections.frequency(byHost, label) == 1 ? label : names.get(i) + "@" + servers.get(i).get(0).endpoint());
            for (Snapshot s : servers.get(i)) {
                if (s.answered()) {
                    byId.putIfAbsent(s.serverId(), labels.get(i));
                }
            }
            if (Collections.frequency(names, names.get(i)) == 1) {
                byName.put(names.get(i), labels.get(i));
            }
        }
    }

    /** The name of the {@code index}th server. */
    String label(int index) {
        return labels.get(index);
    }

    /**
     * The server a route leads to: the member whose server_id is its remote_id; a route with no ID,
     * by its remote_name; else a server that was not checked, shown by its name (and ID when a
     * member goes by that name).
     */
    String peer(Routez.Peer peer) {
        if (!peer.id().isEmpty() && byId.containsKey(peer.id())) {
            return byId.get(peer.id());
        }
        if (peer.id().isEmpty()) {
            return byName.getOrDefault(peer.name(), peer.name().isEmpty() ? "a server without name or ID" : peer.name());
        }
        if (peer.name().isEmpty()) {
            return "server " + peer.id();
        }
        return labels.contains(peer.name()) || byName.containsKey(peer.name()) ? peer.name() + " (server_id " + peer.id() + ")" : peer.name();
    }

    /** A server that never answered goes by its host: the pod name of a DNS name, host:port of an address. */
    private static String shortName(String endpoint) {
        try {
            String host = new URI(endpoint).getHost();
            if (host == null) {
                return endpoint;
            }
            boolean address = host.contains(":") || host.matches("[0-9.]+");
            return address ? host + ":" + new URI(endpoint).getPort() : host.split("\\.")[0];
        } catch (URISyntaxException e) {
            return endpoint;
        }
    }
}
