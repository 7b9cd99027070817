package io.natsguard.mesh;

import java.util.List;
import java.util.Set;

/**
 * What the mesh check found: the verdict, each server with the peers it routes to and lacks, the
 * missing pairs, and one line per problem.
 *
 * @param cluster      the cluster name most servers report
 * @param missingPairs unordered pairs of reachable servers without a route between them
 */
public record MeshResult(Status status, String cluster, List<Member> members, List<List<String>> missingPairs,
        List<String> problems, int expected, int samples) {

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
     */
    public record Member(String name, String endpoint, String serverId, String cluster, String version, String health,
            String failure, Set<String> peers, List<String> missing, List<String> unexpected, int numRoutes) {

        public boolean reachable() {
            return failure == null;
        }
    }
}
