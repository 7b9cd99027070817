package io.natsguard.mesh;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What the mesh check reads of a server's {@code /routez}: its route connections per peer, each
 * kept as its rid and whether it is pooled, as they are read. 2.10 and later list several connections per peer (measured on 2.10.27 and
 * 2.14.10): {@code pool_size} pooled ones without {@code account}, one per pinned account and one
 * for the system account, each with its {@code account}; every one has the peer's
 * {@code remote_id} and its {@code compression} mode; there is no {@code pool_idx} in /routez. A
 * server that lists routes to more servers than {@link #MAX_PEERS} is not believed: no NATS
 * cluster comes near it, and each distinct peer costs memory.
 *
 * @param serverId  the answering server, to match its {@code /varz}
 * @param numRoutes the server's own count of route connections, or the connections listed when it gives none
 * @param routes    what its route list says
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Routez(@JsonProperty("server_id") String serverId, @JsonProperty("num_routes") Integer numRoutes,
        @JsonProperty("routes") @JsonDeserialize(using = Routez.Tally.class) Routes routes) {

    static final int MAX_PEERS = 1000;
    /** nats-server has seven compression modes; a list with more is not a server's, and is cut. */
    static final int MAX_MODES = 16;

    public Routez {
        serverId = MonitorJson.shortened(serverId);
        routes = routes == null ? new Routes(Map.of(), new TreeSet<>()) : routes;
        numRoutes = numRoutes != null ? numRoutes : routes.peers().values().stream().mapToInt(List::size).sum();
    }

    /** Route connections per peer, in the order first listed. */
    public Map<Peer, List<Connection>> peers() {
        return routes.peers();
    }

    /** The compression modes of its route connections (2.10+: s2_fast, s2_uncompressed, off...); empty before. */
    public SortedSet<String> compression() {
        return routes.compression();
    }

    /**
     * The route list as counted.
     *
     * @param peers       route connections per peer, in the order first listed
     * @param compression the distinct compression modes the connections report
     */
    public record Routes(Map<Peer, List<Connection>> peers, SortedSet<String> compression) {
    }

    /**
     * The far end of a route connection as the server names it.
     *
     * @param id   its {@code remote_id}: the peer's {@code /varz server_id}
     * @param name its {@code remote_name}, 2.9.16 and later; empty before
     */
    public record Peer(String id, String name) {
    }

    /**
     * One route connection. Its {@code rid} is the server's connection ID, new for every connection:
     * on 2.10.27 a route the peer refuses (a wrong password) is listed for a moment, again and again
     * under a new rid, while the server keeps dialing; a connection seen under one rid in every
     * sample is a route that stays.
     *
     * @param rid    the connection's ID; a route without one is known by its place in the list
     * @param pooled pinned to no account (2.10+: one of the pool; before: the one route)
     */
    public record Connection(long rid, boolean pooled) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Route(Long rid, @JsonProperty("remote_id") String remoteId, @JsonProperty("remote_name") String remoteName, String account,
            String compression) {
    }

    /** Reads the {@code routes} array one route at a time into counts per peer: no route is kept. */
    static final class Tally extends StdDeserializer<Routes> {

        Tally() {
            super(Routes.class);
        }

        @Override
        public Routes deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (!parser.isExpectedStartArrayToken()) {
                throw JsonMappingException.from(parser, "routes is not a list");
            }
            Map<Peer, List<Connection>> peers = new LinkedHashMap<>();
            long place = 0;
            SortedSet<String> compression = new TreeSet<>();
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                Route route = context.readValue(parser, Route.class);
                if (route == null) {
                    throw JsonMappingException.from(parser, "a route is null");
                }
                Peer peer = new Peer(MonitorJson.shortened(route.remoteId()), MonitorJson.shortened(route.remoteName()));
                boolean pooled = route.account() == null || route.account().isEmpty();
                place++;
                long rid = route.rid() != null ? route.rid() : -place;
                peers.computeIfAbsent(peer, p -> new ArrayList<>()).add(new Connection(rid, pooled));
                if (route.compression() != null && !route.compression().isEmpty() && compression.size() < MAX_MODES) {
                    compression.add(MonitorJson.shortened(route.compression()));
                }
                if (peers.size() > MAX_PEERS) {
                    throw JsonMappingException.from(parser, "routes to more than " + MAX_PEERS + " servers are listed, more than any NATS cluster has");
                }
            }
            return new Routes(peers, compression);
        }
    }
}
