package io.natsguard.mesh.format;

import io.natsguard.mesh.MeshResult;

/**
 * Prometheus text exposition (for node_exporter's textfile collector or a Pushgateway): the
 * verdict, the servers up, and one gauge per ordered pair of reachable servers.
 */
final class MeshPrometheus implements MeshFormat.Renderer {

    @Override
    public String render(MeshResult result) {
        StringBuilder out = new StringBuilder();
        String cluster = "cluster=\"" + escape(result.cluster()) + "\"";
        gauge(out, "natsguard_mesh_status", "Mesh verdict: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN.");
        out.append("natsguard_mesh_status{").append(cluster).append("} ").append(result.status().exitCode()).append('\n');
        gauge(out, "natsguard_mesh_servers_expected", "Servers the mesh should have.");
        out.append("natsguard_mesh_servers_expected{").append(cluster).append("} ").append(result.expected()).append('\n');
        gauge(out, "natsguard_mesh_missing_pairs", "Pairs of reachable servers with no route between them.");
        out.append("natsguard_mesh_missing_pairs{").append(cluster).append("} ").append(result.missingPairs().size()).append('\n');
        gauge(out, "natsguard_mesh_server_up", "1 when the server's monitoring endpoint answered every sample.");
        for (MeshResult.Member m : result.members()) {
            out.append("natsguard_mesh_server_up{").append(cluster).append(",server=\"").append(escape(m.name())).append("\"} ")
                    .append(m.reachable() ? 1 : 0).append('\n');
        }
        gauge(out, "natsguard_mesh_route_up", "1 when the server has a route to the peer in every sample.");
        for (MeshResult.Member m : result.members()) {
            for (MeshResult.Member peer : result.members()) {
                if (m != peer && m.reachable() && peer.reachable()) {
                    out.append("natsguard_mesh_route_up{").append(cluster).append(",server=\"").append(escape(m.name()))
                            .append("\",peer=\"").append(escape(peer.name())).append("\"} ").append(m.peers().contains(peer.name()) ? 1 : 0)
                            .append('\n');
                }
            }
        }
        if (result.delivery() != null) {
            gauge(out, "natsguard_mesh_delivery_up", "1 when a probe message published on the server reached a subscriber on the peer.");
            for (java.util.List<String> pair : result.delivery().probed()) {
                out.append("natsguard_mesh_delivery_up{").append(cluster).append(",server=\"").append(escape(pair.get(0)))
                        .append("\",peer=\"").append(escape(pair.get(1))).append("\"} ").append(result.delivery().lost().contains(pair) ? 0 : 1)
                        .append('\n');
            }
        }
        return out.toString();
    }

    private static void gauge(StringBuilder out, String name, String help) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n').append("# TYPE ").append(name).append(" gauge\n");
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
