package io.natsguard.mesh.format;

import io.natsguard.mesh.Counted;
import io.natsguard.mesh.MeshResult;
import java.util.ArrayList;
import java.util.List;

/**
 * The verdict, a member-by-member table (a row's server routes to the column's server: {@code ok},
 * {@code MISSING}, {@code -} for itself, {@code ?} when either does not answer), the problems, and
 * a line per server.
 */
final class MeshText implements MeshFormat.Renderer {

    private static final String MISSING = "MISSING";

    @Override
    public String render(MeshResult result) {
        StringBuilder out = new StringBuilder();
        List<MeshResult.Member> members = result.members();
        long reachable = members.stream().filter(MeshResult.Member::reachable).count();
        out.append("natsguard mesh: ").append(result.status()).append(": ").append(summary(result, reachable)).append('\n');
        // every cell, the widest (MISSING) too, and every name keep two spaces before the next column
        int width = Math.max(MISSING.length(), members.stream().mapToInt(m -> m.name().length()).max().orElse(0)) + 2;
        out.append(pad("", width));
        members.forEach(m -> out.append(pad(m.name(), width)));
        out.append('\n');
        for (MeshResult.Member row : members) {
            out.append(pad(row.name(), width));
            for (MeshResult.Member column : members) {
                String cell = row == column ? "-" : !row.reachable() || !column.reachable() ? "?"
                        : row.peers().contains(column.name()) ? "ok" : MISSING;
                out.append(pad(cell, width));
            }
            out.append('\n');
        }
        if (result.delivery() != null) {
            int probed = result.delivery().probed().size();
            out.append("delivery: ").append(probed - result.delivery().lost().size()).append(" of ").append(Counted.of(probed, "probe message"))
                    .append(" arrived (every server to every other)\n");
        }
        result.problems().forEach(problem -> out.append("- ").append(problem).append('\n'));
        for (MeshResult.Member m : members) {
            out.append(m.name().equals(m.endpoint()) ? m.name() : m.name() + ": " + m.endpoint());
            if (m.reachable()) {
                out.append(", version ").append(m.version()).append(", cluster ").append(m.cluster().isEmpty() ? "(none)" : m.cluster())
                        .append(", ").append(Counted.of(m.peers().size(), "peer")).append(", num_routes ").append(m.numRoutes())
                        .append(m.compression().isEmpty() ? "" : ", compression " + m.compression()).append(", healthz ").append(m.health());
            } else {
                out.append(": ").append(m.failure());
            }
            out.append('\n');
        }
        return out.toString();
    }

    private static String summary(MeshResult result, long reachable) {
        int checked = result.members().size();
        String size = Counted.of(checked, "server") + " checked, " + reachable + " answered"
                + (result.expected() != checked ? ", " + result.expected() + " expected" : "");
        String cluster = result.cluster().isEmpty() ? "" : " (cluster " + result.cluster() + ")";
        return switch (result.status()) {
            case OK -> "full mesh" + cluster + ": " + size + ", every pair routed in each of " + Counted.of(result.samples(), "sample")
                    + (result.delivery() != null ? ", every probe message delivered" : "");
            case UNKNOWN -> "no server answered: " + size;
            default -> String.join(", ", causes(result, reachable)) + cluster + ": " + size;
        };
    }

    /**
     * What makes a WARNING or CRITICAL, each count only when not zero: servers that do not answer,
     * missing routes, what the probe could not do; else the first problem, which names its cause.
     */
    private static List<String> causes(MeshResult result, long reachable) {
        List<String> causes = new ArrayList<>();
        int expected = Math.max(result.expected(), result.members().size());
        if (reachable < expected) {
            causes.add(reachable + " of " + Counted.of(expected, "server") + " answered");
        }
        if (!result.missingPairs().isEmpty()) {
            causes.add(Counted.of(result.missingPairs().size(), "missing route"));
        }
        if (result.delivery() != null && !result.delivery().lost().isEmpty()) {
            causes.add(Counted.of(result.delivery().lost().size(), "lost probe message"));
        }
        if (result.delivery() != null && !result.delivery().unconnected().isEmpty()) {
            causes.add("the probe could not connect to " + Counted.of(result.delivery().unconnected().size(), "server"));
        }
        if (causes.isEmpty() && !result.problems().isEmpty()) {
            int more = result.problems().size() - 1;
            causes.add(result.problems().get(0) + (more > 0 ? " (and " + Counted.of(more, "more problem") + ")" : ""));
        }
        return causes;
    }

    private static String pad(String text, int width) {
        return text.length() >= width ? text + " " : text + " ".repeat(width - text.length());
    }
}
