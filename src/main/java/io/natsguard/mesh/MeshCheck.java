package io.natsguard.mesh;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Compares what NATS servers report with what a full mesh needs: every member routes to every
 * other. Peers are counted by identity, never by route count or address: a route's
 * {@code remote_name} (2.9.16 and later) or its {@code remote_id} matched to a member's
 * {@code /varz server_id} (2.9.x has no names in {@code /routez}); a route's ip and port are often
 * an ephemeral port. A route counts only when every sample shows it: a rejected route can show for
 * some 50 ms. {@code /healthz} is not a signal: it says ok on partial meshes.
 */
public final class MeshCheck {

    private MeshCheck() {
    }

    /**
     * @param samples one list of snapshots per sample, the endpoints in the same order in each
     * @param expect  how many servers the cluster should have, when known beyond the endpoints given
     */
    public static MeshResult check(List<List<Snapshot>> samples, OptionalInt expect) {
        return check(samples, expect, List.of());
    }

    /**
     * @param unasked members that could not even be asked (a pod without an IP), each with why:
     *                missing members, hence CRITICAL
     */
    public static MeshResult check(List<List<Snapshot>> samples, OptionalInt expect, List<String> unasked) {
        int endpoints = samples.get(0).size();
        Map<String, String> names = new HashMap<>(); // server_id -> server_name, from every answer
        samples.forEach(sample -> sample.stream().filter(Snapshot::answered).forEach(s -> names.put(s.serverId(), s.serverName())));
        List<String> problems = new ArrayList<>();
        List<MeshResult.Member> members = new ArrayList<>();
        for (int i = 0; i < endpoints; i++) {
            int index = i;
            List<Snapshot> seen = samples.stream().map(sample -> sample.get(index)).toList();
            members.add(member(seen, names));
        }
        Set<String> memberNames = members.stream().map(MeshResult.Member::name).collect(Collectors.toCollection(LinkedHashSet::new));
        String cluster = majority(members.stream().filter(MeshResult.Member::reachable).map(MeshResult.Member::cluster).toList());
        boolean othersUnqueried = expect.isPresent() && expect.getAsInt() > endpoints;
        List<MeshResult.Member> judged = new ArrayList<>();
        for (MeshResult.Member m : members) {
            if (!m.reachable()) {
                problems.add(m.name() + (m.name().equals(m.endpoint()) ? "" : " (" + m.endpoint() + ")") + " does not answer: " + m.failure());
                judged.add(m);
                continue;
            }
            List<String> missing = members.stream().filter(o -> o.reachable() && !o.name().equals(m.name()) && !m.peers().contains(o.name()))
                    .map(MeshResult.Member::name).toList();
            List<String> unexpected = othersUnqueried ? List.of() : m.peers().stream().filter(p -> !memberNames.contains(p)).toList();
            judged.add(new MeshResult.Member(m.name(), m.endpoint(), m.serverId(), m.cluster(), m.version(), m.health(), null, m.peers(),
                    missing, unexpected, m.numRoutes()));
        }
        problems.addAll(unasked);
        boolean critical = !unasked.isEmpty() || judged.stream().anyMatch(m -> !m.reachable());
        for (MeshResult.Member m : judged) {
            if (!m.reachable()) {
                continue;
            }
            if (!m.cluster().equals(cluster)) {
                critical = true;
                problems.add(m.name() + " reports cluster '" + m.cluster() + "', the others '" + cluster + "': it cannot join their mesh");
            }
            if (!m.missing().isEmpty()) {
                critical = true;
                problems.add(m.name() + " lacks " + String.join(", ", m.missing()) + hint(m));
            }
        }
        List<List<String>> pairs = missingPairs(judged);
        boolean warning = false;
        for (MeshResult.Member m : judged) {
            if (!m.unexpected().isEmpty()) {
                warning = true;
                problems.add(m.name() + " routes to " + String.join(", ", m.unexpected()) + ", which " + (m.unexpected().size() == 1 ? "is" : "are")
                        + " not among the servers checked (a stray server, or another cluster with the same name?)");
            }
        }
        int expected = expect.orElse(endpoints);
        if (expect.isPresent()) {
            critical |= checkSize(judged, expected, endpoints, problems);
            warning |= expected < endpoints;
            if (expected < endpoints) {
                problems.add(endpoints + " servers were checked, but --expect says " + expected);
            }
        }
        warning |= checkPools(samples.get(samples.size() - 1), names, problems);
        MeshResult.Status status = judged.stream().noneMatch(MeshResult.Member::reachable) ? MeshResult.Status.UNKNOWN
                : critical ? MeshResult.Status.CRITICAL : warning ? MeshResult.Status.WARNING : MeshResult.Status.OK;
        return new MeshResult(status, cluster, judged, pairs, problems, expected, samples.size(), null);
    }

    /** A member from its snapshots: unreachable if any sample failed; its peers those of every sample. */
    private static MeshResult.Member member(List<Snapshot> seen, Map<String, String> names) {
        Snapshot last = seen.get(seen.size() - 1);
        Snapshot failed = seen.stream().filter(s -> !s.answered()).findFirst().orElse(null);
        if (failed != null) {
            Snapshot answered = seen.stream().filter(Snapshot::answered).findFirst().orElse(null);
            String name = answered != null ? answered.serverName() : shortName(failed.endpoint());
            return new MeshResult.Member(name, failed.endpoint(), answered != null ? answered.serverId() : "", "", "", "",
                    failed.failure(), Set.of(), List.of(), List.of(), 0);
        }
        Set<String> peers = null;
        for (Snapshot s : seen) {
            Set<String> now = peers(s, names);
            if (peers == null) {
                peers = now;
            } else {
                peers.retainAll(now);
            }
        }
        return new MeshResult.Member(last.serverName(), last.endpoint(), last.serverId(), last.clusterName(),
                last.varz().path("version").asText(""), last.health(), null, peers, List.of(), List.of(),
                last.routez().path("num_routes").asInt(last.routez().path("routes").size()));
    }

    /** A server that never answered goes by its host: the pod name of a DNS name, host:port of an address. */
    private static String shortName(String endpoint) {
        try {
            java.net.URI uri = new java.net.URI(endpoint);
            String host = uri.getHost();
            if (host == null) {
                return endpoint;
            }
            boolean address = host.contains(":") || host.matches("[0-9.]+");
            return address ? host + ":" + uri.getPort() : host.split("\\.")[0];
        } catch (java.net.URISyntaxException e) {
            return endpoint;
        }
    }

    /** The distinct servers a snapshot's routes lead to, by name. */
    private static Set<String> peers(Snapshot s, Map<String, String> names) {
        Set<String> peers = new TreeSet<>();
        for (JsonNode route : s.routez().path("routes")) {
            peers.add(peerName(route, names));
        }
        peers.remove(s.serverName());
        return peers;
    }

    private static String peerName(JsonNode route, Map<String, String> names) {
        String remoteName = route.path("remote_name").asText("");
        if (!remoteName.isEmpty()) {
            return remoteName;
        }
        String id = route.path("remote_id").asText("");
        return names.getOrDefault(id, "server " + id);
    }

    /** Why a member may lack peers, from its own /varz: no routes at all, or all through one URL. */
    private static String hint(MeshResult.Member m) {
        return m.peers().isEmpty() ? " (it has no route at all)" : "";
    }

    private static List<List<String>> missingPairs(List<MeshResult.Member> members) {
        Set<List<String>> pairs = new LinkedHashSet<>();
        for (MeshResult.Member m : members) {
            for (String other : m.missing()) {
                pairs.add(m.name().compareTo(other) < 0 ? List.of(m.name(), other) : List.of(other, m.name()));
            }
        }
        return pairs.stream().sorted(Comparator.comparing((List<String> p) -> p.get(0)).thenComparing(p -> p.get(1))).toList();
    }

    /** With --expect N beyond the endpoints given: every member must route to N-1 servers. */
    private static boolean checkSize(List<MeshResult.Member> members, int expected, int endpoints, List<String> problems) {
        if (expected <= endpoints) {
            return false;
        }
        boolean short_ = false;
        for (MeshResult.Member m : members) {
            if (m.reachable() && m.peers().size() < expected - 1) {
                short_ = true;
                problems.add(m.name() + " routes to " + m.peers().size() + " servers; a mesh of " + expected + " needs " + (expected - 1));
            }
        }
        return short_;
    }

    /**
     * 2.10 and later open several route connections per peer: {@code pool_size} pooled ones, one per
     * pinned account, one for the system account (../shared/docs/mesh.md). The count is derived from
     * what each server reports, never assumed: a peer with fewer connections than the server has to
     * most of its peers, or fewer pooled ones than its {@code pool_size}, is an incomplete pool (a
     * known server bug before 2.12.6); a warning, since the peers are still connected.
     */
    private static boolean checkPools(List<Snapshot> last, Map<String, String> names, List<String> problems) {
        boolean short_ = false;
        for (Snapshot s : last) {
            if (!s.answered()) {
                continue;
            }
            Map<String, Long> all = new LinkedHashMap<>();
            Map<String, Long> pooled = new LinkedHashMap<>();
            for (JsonNode route : s.routez().path("routes")) {
                String peer = peerName(route, names);
                all.merge(peer, 1L, Long::sum);
                if (route.path("account").asText("").isEmpty()) {
                    pooled.merge(peer, 1L, Long::sum);
                }
            }
            int pool = s.varz().path("cluster").path("pool_size").asInt(0);
            long usual = all.values().stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()))
                    .entrySet().stream().max(Map.Entry.<Long, Long>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                    .map(Map.Entry::getKey).orElse(0L);
            for (Map.Entry<String, Long> peer : all.entrySet()) {
                long pooledToPeer = pooled.getOrDefault(peer.getKey(), 0L);
                if (pool > 0 && pooledToPeer < pool) {
                    short_ = true;
                    problems.add(s.serverName() + " has " + pooledToPeer + " of its " + pool + " pooled routes to " + peer.getKey());
                } else if (peer.getValue() < usual) {
                    short_ = true;
                    problems.add(s.serverName() + " has " + peer.getValue() + " route connections to " + peer.getKey() + ", " + usual
                            + " to most of its peers");
                }
            }
        }
        return short_;
    }

    private static String majority(List<String> values) {
        return values.stream().collect(Collectors.groupingBy(Function.identity(), LinkedHashMap::new, Collectors.counting()))
                .entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse("");
    }
}
