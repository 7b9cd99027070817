package io.natsguard.mesh;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What the mesh check reads of a server's {@code /varz}; the rest of the answer is skipped as it
 * is read, never kept. Text the server wrote is made printable ({@link MonitorJson#shortened}).
 *
 * @param serverId   the server's identity: random per start, unique in practice
 * @param serverName what routes and logs call it; defaults to the server ID when the config sets none
 * @param port       the client port, for the delivery probe
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Varz(@JsonProperty("server_id") String serverId, @JsonProperty("server_name") String serverName, String version,
        Cluster cluster, int port, @JsonProperty("tls_required") boolean tlsRequired) {

    public Varz {
        serverId = MonitorJson.shortened(serverId);
        serverName = MonitorJson.shortened(serverName).isEmpty() ? serverId : MonitorJson.shortened(serverName);
        version = MonitorJson.shortened(version);
        cluster = cluster == null ? new Cluster("", 0) : cluster;
        port = port == 0 ? 4222 : port;
    }

    /**
     * @param poolSize pooled route connections per peer (2.10 and later), 0 when not reported
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Cluster(String name, @JsonProperty("pool_size") int poolSize) {

        public Cluster {
            name = MonitorJson.shortened(name);
        }
    }
}
