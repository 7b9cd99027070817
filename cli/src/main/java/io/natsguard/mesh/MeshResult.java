package io.natsguard.mesh;

import java.util.List;
import java.util.Set;

/**
 * What the mesh check found: the verdict, each server with the peers it routes to and lacks, the
 * missing pairs, and one line per problem.
 *
 * @param cluster      the cluster name most servers report
 * @param missingPairs unordered pairs of reachable servers without a route between them
 * @param delivery     what --probe found, or null without it
 */
public record MeshResult(Status status, String cluster, List<Member> members, List<List<String>> missingPairs,
        List<String> problems, int expected, int samples, DeliveryProbe.Result delivery) {

    /** The result with a delivery probe's: a lost message, or a server the probe cannot reach, is CRITICAL. */
    public MeshResult withDelivery(DeliveryProbe.Result probe) {
        List<String> all = new java.util.ArrayList<>(problems);
        all.addAll(probe.unconnected());
        probe.lost().forEach(pair -> all.add("a message published on " + pair.get(0) + " did not reach a subscriber on " + pair.get(1)));
        boolean failed = !probe.lost().isEmpty() || !probe.unconnected().isEmpty();
        Status worse = failed && status.compareTo(Status.CRITICAL) < 0 ? Status.CRITICAL : status;
        return new MeshResult(worse, cluster, members, missingPairs, all, expected, samples, probe);
    }

    /** natscli's `server check` convention: the exit code is the ordinal. */
    public enum Status {
        OK, WARNING, CRITICAL, UNKNOWN;

        public int exitCode() {
            return ordinal();
        }
    }

    /**
     * One server as its monitoring endpoint shows it.
     *
     * @param peers      the servers it had a route to in every sample
     * @param missing    the reachable members it has no route to
     * @param unexpected peers that are not members (a stray server, another cluster of the same name)
     * @param numRoutes  its route connections (2.10+: several per peer)
     * @param compression the compression modes of its routes, comma-separated; empty before 2.10
     */
    public record Member(String name, String endpoint, String serverId, String cluster, String version, String health,
            String failure, Set<String> peers, List<String> missing, List<String> unexpected, int numRoutes, String compression) {

        public boolean reachable() {
            return failure == null;
        }
    }
}
