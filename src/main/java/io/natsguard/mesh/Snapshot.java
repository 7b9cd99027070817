package io.natsguard.mesh;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One server's monitoring answers at one moment: {@code /varz} and {@code /routez} (what the mesh
 * check compares) and {@code /healthz} (shown, never trusted: it says ok on partial meshes), or why
 * there are none.
 *
 * @param endpoint the monitoring base URL, credentials redacted
 * @param failure  null when the server answered, else what went wrong
 */
public record Snapshot(String endpoint, JsonNode varz, JsonNode routez, String health, String failure) {

    public static Snapshot failed(String endpoint, String failure) {
        return new Snapshot(endpoint, null, null, null, failure);
    }

    public boolean answered() {
        return failure == null;
    }

    public String serverId() {
        return varz.path("server_id").asText("");
    }

    /** server_name, which defaults to the server ID when the config sets none. */
    public String serverName() {
        String name = varz.path("server_name").asText("");
        return name.isEmpty() ? serverId() : name;
    }

    public String clusterName() {
        return varz.path("cluster").path("name").asText("");
    }
}
