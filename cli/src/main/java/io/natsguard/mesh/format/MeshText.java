package io.natsguard.mesh.format;

import io.natsguard.mesh.MeshResult;
import java.util.List;

/**
 * The verdict, a member-by-member table (a row's server routes to the column's server: {@code ok},
 * {@code MISSING}, {@code -} for itself, {@code ?} when either does not answer), the problems, and
 * a line per server.
 */
final class MeshText implements MeshFormat.Renderer {

    @Override
    public String render(MeshResult result) {
        StringBuilder out = new StringBuilder();
        List<MeshResult.Member> members = result.members();
        long reachable = members.stream().filter(MeshResult.Member::reachable).count();
        out.append("natsguard mesh: ").append(result.status()).append(": ").append(summary(result, reachable)).append('\n');
        int width = Math.max(7, members.stream().mapToInt(m -> m.name().length()).max().orElse(0) + 2);
        out.append(pad("", width));
        members.forEach(m -> out.append(pad(m.name(), width)));
        out.append('\n');
        for (MeshResult.Member row : members) {
            out.append(pad(row.name(), width));
            for (MeshResult.Member column : members) {
                String cell = row == column ? "-" : !row.reachable() || !column.reachable() ? "?"
                        : row.peers().contains(column.name()) ? "ok" : "MISSING";
                out.append(pad(cell, width));
            }
            out.append('\n');
        }
        if (result.delivery() != null) {
            int probed = result.delivery().probed().size();
            out.append("delivery: ").append(probed - result.delivery().lost().size()).append(" of ").append(probed)
                    .append(" probe messages arrived (every server to every other)\n");
        }
        result.problems().forEach(problem -> out.append("- ").append(problem).append('\n'));
        for (MeshResult.Member m : members) {
            out.append(m.name().equals(m.endpoint()) ? m.name() : m.name() + ": " + m.endpoint());
            if (m.reachable()) {
                out.append(", version ").append(m.version()).append(", cluster ").append(m.cluster().isEmpty() ? "(none)" : m.cluster())
                        .append(", ").append(m.peers().size()).append(m.peers().size() == 1 ? " peer" : " peers").append(", num_routes ").append(m.numRoutes())
                        .append(", healthz ").append(m.health());
            } else {
                out.append(": ").append(m.failure());
            }
            out.append('\n');
        }
        return out.toString();
    }

    private static String summary(MeshResult result, long reachable) {
        String size = result.members().size() + " servers checked, " + reachable + " answered"
                + (result.expected() != result.members().size() ? ", " + result.expected() + " expected" : "");
        String cluster = result.cluster().isEmpty() ? "" : " (cluster " + result.cluster() + ")";
        return switch (result.status()) {
            case OK -> "full mesh" + cluster + ": " + size + ", every pair routed in each of " + result.samples() + " samples"
                    + (result.delivery() != null ? ", every probe message delivered" : "");
            case UNKNOWN -> "no server answered: " + size;
            default -> result.missingPairs().size() + " missing route" + (result.missingPairs().size() == 1 ? "" : "s")
                    + (result.delivery() != null ? ", " + result.delivery().lost().size() + " lost probe messages" : "") + cluster + ": " + size;
        };
    }

    private static String pad(String text, int width) {
        return text.length() >= width ? text + " " : text + " ".repeat(width - text.length());
    }
}
