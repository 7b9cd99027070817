package io.natsguard.mesh;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Compares what NATS servers report with what a full mesh needs: every member routes to every
 * other. Servers are known by their {@code /varz server_id}, never by name, route count or
 * address: a route's {@code remote_id} is matched to the members' server IDs ({@code remote_name},
 * 2.9.16 and later, only names the peer when no ID is given); two servers may carry one
 * {@code server_name} (nats-server then refuses routes between them), and a route's ip and port
 * are often an ephemeral port. A route counts only when every sample shows it, as the same
 * connection (its rid): a rejected route can show for some 50 ms, and on 2.10.27 again and again
 * under a new rid while the server keeps dialing. {@code /healthz} is not a signal: it says ok on partial meshes.
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
        List<String> problems = new ArrayList<>();
        List<List<Snapshot>> servers = distinctServers(samples, problems);
        boolean critical = servers.size() < endpoints;
        MemberNames names = new MemberNames(servers);
        List<MeshResult.Member> members = new ArrayList<>();
        for (int i = 0; i < servers.size(); i++) {
            members.add(member(names.label(i), servers.get(i), names));
        }
        Set<String> memberNames = members.stream().map(MeshResult.Member::name).collect(Collectors.toCollection(LinkedHashSet::new));
        String cluster = majority(members.stream().filter(MeshResult.Member::reachable).map(MeshResult.Member::cluster).toList());
        boolean othersUnqueried = expect.isPresent() && expect.getAsInt() > endpoints;
        List<MeshResult.Member> judged = new ArrayList<>();
        for (MeshResult.Member m : members) {
            if (!m.reachable()) {
                problems.add(m.name() + (m.name().equals(m.endpoint()) ? "" : " (" + m.endpoint() + ")") + ": " + m.failure());
                judged.add(m);
                continue;
            }
            List<String> missing = members.stream().filter(o -> o.reachable() && o != m && !m.peers().contains(o.name()))
                    .map(MeshResult.Member::name).toList();
            List<String> unexpected = othersUnqueried ? List.of() : m.peers().stream().filter(p -> !memberNames.contains(p)).toList();
            judged.add(new MeshResult.Member(m.name(), m.endpoint(), m.serverId(), m.cluster(), m.version(), m.health(), null, m.peers(),
                    missing, unexpected, m.numRoutes(), m.compression()));
        }
        problems.addAll(unasked);
        critical |= !unasked.isEmpty() || judged.stream().anyMatch(m -> !m.reachable());
        critical |= checkNames(servers, names, problems);
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
                problems.add(m.name() + " routes to " + String.join(", ", m.unexpected()) + ", which " + Counted.is(m.unexpected().size())
                        + " not among the servers checked (a stray server, or another cluster with the same name?)");
            }
        }
        int expected = expect.orElse(endpoints);
        if (expect.isPresent()) {
            critical |= checkSize(judged, expected, endpoints, problems);
            warning |= expected < endpoints;
            if (expected < endpoints) {
                problems.add(Counted.of(endpoints, "server") + " " + (endpoints == 1 ? "was" : "were") + " checked, but --expect says " + expected);
            }
        }
        warning |= checkPools(servers, names, problems);
        MeshResult.Status status = judged.stream().noneMatch(MeshResult.Member::reachable) ? MeshResult.Status.UNKNOWN
                : critical ? MeshResult.Status.CRITICAL : warning ? MeshResult.Status.WARNING : MeshResult.Status.OK;
        return new MeshResult(status, cluster, judged, pairs, problems, expected, samples.size(), null);
    }

    /**
     * Each endpoint's snapshots, one entry per server: an endpoint whose server (by server_id) an
     * earlier endpoint already reached is a problem, not a second member.
     */
    private static List<List<Snapshot>> distinctServers(List<List<Snapshot>> samples, List<String> problems) {
        List<List<Snapshot>> servers = new ArrayList<>();
        Map<String, String> endpointOf = new HashMap<>();
        for (int i = 0; i < samples.get(0).size(); i++) {
            int index = i;
            List<Snapshot> seen = samples.stream().map(sample -> sample.get(index)).toList();
            Optional<Snapshot> answered = Snapshot.lastAnswered(seen);
            String earlier = answered.map(s -> endpointOf.putIfAbsent(s.serverId(), s.endpoint())).orElse(null);
            if (earlier == null) {
                servers.add(seen);
            } else {
                problems.add(answered.get().endpoint() + " reaches the same server as " + earlier + " (server_id " + answered.get().serverId()
                        + "): one server was given twice, so one server expected is not checked");
            }
        }
        return servers;
    }

    /** A member from its snapshots: unreachable if any sample failed; its peers those it has a route to that stays. */
    private static MeshResult.Member member(String label, List<Snapshot> seen, MemberNames names) {
        Snapshot last = seen.get(seen.size() - 1);
        Snapshot failed = seen.stream().filter(s -> !s.answered()).findFirst().orElse(null);
        if (failed != null) {
            return new MeshResult.Member(label, failed.endpoint(), Snapshot.lastAnswered(seen).map(Snapshot::serverId).orElse(""), "", "", "",
                    failed.failure(), Set.of(), List.of(), List.of(), 0, "");
        }
        Set<String> peers = new TreeSet<>(lasting(seen, names).keySet());
        peers.remove(label);
        return new MeshResult.Member(label, last.endpoint(), last.serverId(), last.clusterName(), last.varz().version(), last.health(), null,
                peers, List.of(), List.of(), last.routez().numRoutes(), String.join(",", last.routez().compression()));
    }

    /**
     * A server's route connections that every sample shows, under the same rid, per peer (by the
     * peers' report names); peers with none are left out. A refused route that shows for a moment,
     * again and again under new rids (2.10.27), is not a route.
     */
    private static Map<String, Set<Routez.Connection>> lasting(List<Snapshot> seen, MemberNames names) {
        Map<String, Set<Routez.Connection>> lasting = null;
        for (Snapshot s : seen) {
            Map<String, Set<Routez.Connection>> now = new LinkedHashMap<>();
            s.routez().peers().forEach((peer, connections) -> now.computeIfAbsent(names.peer(peer), p -> new HashSet<>()).addAll(connections));
            if (lasting == null) {
                lasting = now;
            } else {
                lasting.keySet().retainAll(now.keySet());
                lasting.forEach((peer, connections) -> connections.retainAll(now.get(peer)));
                lasting.values().removeIf(Set::isEmpty);
            }
        }
        return lasting;
    }

    /** Why a member may lack peers, from its own /varz: no routes at all, or all through one URL. */
    private static String hint(MeshResult.Member m) {
        return m.peers().isEmpty() ? " (it has no route at all)" : "";
    }

    /**
     * Distinct servers (by server_id) that answer to one server_name: nats-server refuses a route
     * between them ("Duplicate Server Name"), and a report by name cannot tell them apart.
     */
    private static boolean checkNames(List<List<Snapshot>> servers, MemberNames names, List<String> problems) {
        Map<String, List<String>> byName = new LinkedHashMap<>();
        for (int i = 0; i < servers.size(); i++) {
            List<Snapshot> seen = servers.get(i);
            if (seen.stream().allMatch(Snapshot::answered)) {
                byName.computeIfAbsent(seen.get(seen.size() - 1).serverName(), name -> new ArrayList<>()).add(names.label(i));
            }
        }
        boolean shared = false;
        for (Map.Entry<String, List<String>> name : byName.entrySet()) {
            if (name.getValue().size() > 1) {
                shared = true;
                problems.add(name.getValue().size() + " distinct servers share the server_name '" + name.getKey() + "': "
                        + String.join(", ", name.getValue()) + "; nats-server refuses a route between servers of one name "
                        + "(Duplicate Server Name): give each its own server_name");
            }
        }
        return shared;
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
                problems.add(m.name() + " routes to " + Counted.of(m.peers().size(), "server") + "; a mesh of " + expected + " needs " + (expected - 1));
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
    private static boolean checkPools(List<List<Snapshot>> servers, MemberNames names, List<String> problems) {
        boolean short_ = false;
        for (int i = 0; i < servers.size(); i++) {
            List<Snapshot> seen = servers.get(i);
            if (!seen.stream().allMatch(Snapshot::answered)) {
                continue;
            }
            Map<String, Set<Routez.Connection>> connections = lasting(seen, names);
            connections.remove(names.label(i));
            int pool = seen.get(seen.size() - 1).varz().cluster().poolSize();
            long usual = connections.values().stream().collect(Collectors.groupingBy(Set::size, Collectors.counting()))
                    .entrySet().stream().max(Map.Entry.<Integer, Long>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                    .map(Map.Entry::getKey).orElse(0);
            for (Map.Entry<String, Set<Routez.Connection>> peer : connections.entrySet()) {
                long pooled = peer.getValue().stream().filter(Routez.Connection::pooled).count();
                if (pool > 0 && pooled < pool) {
                    short_ = true;
                    problems.add(names.label(i) + " has " + pooled + " of its " + Counted.of(pool, "pooled route") + " to " + peer.getKey());
                } else if (peer.getValue().size() < usual) {
                    short_ = true;
                    problems.add(names.label(i) + " has " + Counted.of(peer.getValue().size(), "route connection") + " to " + peer.getKey()
                            + ", " + usual + " to most of its peers");
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
