package io.natsguard.mesh.format;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.natsguard.mesh.MeshResult;
import java.io.UncheckedIOException;

/** The result as one JSON object: status and exit code, servers, missing pairs, problems. */
final class MeshJson implements MeshFormat.Renderer {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public String render(MeshResult result) {
        ObjectNode root = JSON.createObjectNode();
        root.put("status", result.status().name());
        root.put("exit_code", result.status().exitCode());
        root.put("cluster", result.cluster());
        root.put("expected_servers", result.expected());
        root.put("samples", result.samples());
        ArrayNode servers = root.putArray("servers");
        for (MeshResult.Member m : result.members()) {
            ObjectNode server = servers.addObject();
            server.put("name", m.name());
            server.put("endpoint", m.endpoint());
            server.put("reachable", m.reachable());
            if (!m.reachable()) {
                server.put("failure", m.failure());
                continue;
            }
            server.put("server_id", m.serverId());
            server.put("cluster", m.cluster());
            server.put("version", m.version());
            server.put("healthz", m.health());
            server.put("num_routes", m.numRoutes());
            if (!m.compression().isEmpty()) {
                server.put("compression", m.compression());
            }
            m.peers().forEach(server.putArray("peers")::add);
            m.missing().forEach(server.putArray("missing_peers")::add);
            m.unexpected().forEach(server.putArray("unexpected_peers")::add);
        }
        ArrayNode pairs = root.putArray("missing_pairs");
        result.missingPairs().forEach(pair -> pair.forEach(pairs.addArray()::add));
        if (result.delivery() != null) {
            ObjectNode delivery = root.putObject("delivery");
            delivery.put("probed", result.delivery().probed().size());
            ArrayNode lost = delivery.putArray("lost");
            result.delivery().lost().forEach(pair -> pair.forEach(lost.addArray()::add));
            result.delivery().unconnected().forEach(delivery.putArray("unconnected")::add);
        }
        result.problems().forEach(root.putArray("problems")::add);
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e); // a tree Jackson built always writes
        }
    }
}
