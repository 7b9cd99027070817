package io.natsguard.mesh;

import java.util.List;
import java.util.Optional;

/**
 * One server's monitoring answers at one moment: {@code /varz} and {@code /routez} (what the mesh
 * check compares) and {@code /healthz} (shown, never trusted: it says ok on partial meshes), or why
 * there are none.
 *
 * @param endpoint the monitoring base URL, credentials redacted
 * @param failure  null when the server answered, else what went wrong
 */
public record Snapshot(String endpoint, Varz varz, Routez routez, String health, String failure) {

    public static Snapshot failed(String endpoint, String failure) {
        return new Snapshot(endpoint, null, null, null, failure);
    }

    public boolean answered() {
        return failure == null;
    }

    /** The last of these snapshots (one server's, sample after sample) that has an answer. */
    static Optional<Snapshot> lastAnswered(List<Snapshot> seen) {
        return seen.stream().filter(Snapshot::answered).reduce((first, second) -> second);
    }

    /** The server's identity: two answers with one server_id come from one server. */
    public String serverId() {
        return varz.serverId();
    }

    /** server_name, which defaults to the server ID when the config sets none. */
    public String serverName() {
        return varz.serverName();
    }

    public String clusterName() {
        return varz.cluster().name();
    }
}
