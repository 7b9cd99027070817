package io.natsguard.edit;

import io.natsguard.base.Position;
import io.natsguard.conf.ConfValue;
import io.natsguard.model.Cluster;
import io.natsguard.model.ConfigKeys;
import io.natsguard.model.NatsConfig;
import io.natsguard.model.Route;
import io.natsguard.source.Origin;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Turns what a rule wants into edits of the text the user wrote: in a NATS config file or a YAML
 * block scalar (line for line), in a workload's {@code --routes} argument, or in the values of the
 * official NATS chart. Where the text is not laid out so (a base64 Secret, a quoted YAML string, a
 * Kustomize build), the fix is refused with what to edit instead. Nothing is written here.
 */
public final class Planner {

    private final Map<String, String> texts;
    private final String rule;

    /**
     * @param texts the text of every file that may be rewritten, by name, as it was read
     * @param rule  the rule whose fixes are planned
     */
    public Planner(Map<String, String> texts, String rule) {
        this.texts = texts;
        this.rule = rule;
    }

    /** The rule whose fixes are planned. */
    String rule() {
        return rule;
    }

    /** Where a config's text cannot be rewritten, and why: a refusal, not an error. */
    private static final class Unwritable extends Exception {
        private final Position at;

        Unwritable(Position at, String why) {
            super(why, null, false, false);
            this.at = at;
        }
    }

    /**
     * The cluster's route list becomes exactly these URLs: the config's {@code cluster.routes}, the
     * workload's {@code --routes} argument, a new {@code routes} entry in the cluster block, or, for a
     * cluster the official NATS chart makes, its values without the override. {@link Fix#NONE} when the
     * list is so already.
     */
    public Fix setRoutes(Cluster cluster, List<String> urls) {
        List<Route> current = cluster.routes();
        if (current.stream().map(Route::url).toList().equals(urls)) {
            return Fix.NONE; // already so: fix is idempotent
        }
        String why = "one route per pod of " + cluster.workload().label();
        if (cluster.chart() != null) {
            return new ChartRoutes(texts, this).drop(cluster.chart(), cluster.routesAt());
        }
        if (!cluster.workload().argRoutes().isEmpty()) {
            return setArgRoutes(current, urls, why);
        }
        NatsConfig config = cluster.config();
        ConfValue block = cluster.clusterBlock();
        if (config == null || block == null) {
            return refuse(cluster.routesAt(), "the cluster is set up by --cluster only: add --routes to the arguments");
        }
        ConfValue routes = ConfigKeys.get(block, "routes");
        if (routes != null && routes.type() != ConfValue.Type.ARRAY) {
            return refuse(config.locate(routes), "routes is not a list: write routes = [ ... ] by hand");
        }
        try {
            Located at = locate(config, routes != null ? routes.valuePosition() : block.valuePosition());
            int close = ConfText.closing(at.text(), at.offset());
            if (close < 0) {
                return refuse(at.position(), "cannot find where the " + (routes != null ? "route list" : "cluster block") + " ends");
            }
            if (routes == null) {
                return Fix.of(insertion(at, close, urls, why));
            }
            String quote = quoteOf(at.text(), current.isEmpty() ? null : current.get(0));
            String indent = ConfText.indentation(at.text(), at.offset());
            List<String> comments = ConfText.commentLines(at.text().substring(at.offset() + 1, close));
            return Fix.of(new Edit(at.file(), at.offset(), close + 1, list(comments, urls, indent, quote), rule, why));
        } catch (Unwritable e) {
            return refuse(e.at, e.getMessage());
        }
    }

    /** A scalar of the cluster's config is written anew, e.g. an unquoted duration quoted. */
    public Fix rewrite(Cluster cluster, ConfValue value, String replacement, String why) {
        try {
            Located at = locate(cluster.config(), value.valuePosition());
            String written = value.writtenAs();
            if (!at.text().startsWith(written, at.offset())) {
                return refuse(at.position(), "the file does not hold '" + written + "' there any more: run natsguard fix again");
            }
            return Fix.of(new Edit(at.file(), at.offset(), at.offset() + written.length(), replacement, rule, why));
        } catch (Unwritable e) {
            return refuse(e.at, e.getMessage());
        }
    }

    /** A place in a file's text that can be rewritten. */
    private record Located(String file, String text, int offset, Position position) {
    }

    /** Where a config position is in a file natsguard can rewrite. */
    private Located locate(NatsConfig config, Position conf) throws Unwritable {
        Origin origin = config.origins().get(conf.file());
        Position at = config.locate(conf);
        // no origin: a config file read as itself (or one it includes)
        if (origin != null && !(origin instanceof Origin.SameFile) && !(origin instanceof Origin.BlockScalar)) {
            throw new Unwritable(at, origin instanceof Origin.Lines ? "the config is generated by the Helm chart from values: change the values"
                    : config.label() + " is not laid out line by line (base64 in a Secret, a quoted YAML string, "
                    + "an argument): rewrite it as a literal block scalar (|), or edit it by hand");
        }
        String text = texts.get(at.file());
        int offset = text == null ? -1 : ConfText.offset(text, at.line(), at.column());
        if (offset < 0) {
            throw new Unwritable(at, "not a file natsguard can rewrite (a Kustomize build, say): change the file it comes from");
        }
        return new Located(at.file(), text, offset, at);
    }

    /** --routes=a,b as written in one argument: the list is replaced where it is. */
    private Fix setArgRoutes(List<Route> current, List<String> urls, String why) {
        Position at = current.get(0).position();
        if (current.stream().anyMatch(route -> !route.via().isEmpty())) {
            return refuse(at, "the routes come from $(VAR) variables the container's env sets: write the route list there by hand");
        }
        String text = texts.get(at.file());
        int from = text == null ? -1 : ConfText.offset(text, at.line(), at.column());
        String written = current.stream().map(Route::url).collect(Collectors.joining(","));
        int start = from < 0 ? -1 : text.indexOf(written, from);
        int lineEnd = from < 0 ? -1 : text.indexOf('\n', from) < 0 ? text.length() : text.indexOf('\n', from);
        if (start < 0 || start + written.length() > lineEnd) {
            return refuse(at, "the --routes argument is not written as one comma-separated list on one line: edit it by hand");
        }
        return Fix.of(new Edit(at.file(), start, start + written.length(), String.join(",", urls), rule, why));
    }

    /** routes = [ ... ] added to a cluster block: on a line of its own, or inline in a one-line block. */
    private Edit insertion(Located block, int close, List<String> urls, String why) {
        String text = block.text();
        if (ConfText.startsLine(text, close)) {
            String indent = ConfText.indentation(text, close);
            int lineStart = close - indent.length();
            return new Edit(block.file(), lineStart, lineStart,
                    indent + "  routes = " + list(List.of(), urls, indent + "  ", "\"") + "\n", rule, why);
        }
        int last = close - 1;
        while (last > block.offset() && Character.isWhitespace(text.charAt(last))) {
            last--;
        }
        String separator = text.charAt(last) == '{' || text.charAt(last) == ',' ? " " : ", ";
        return new Edit(block.file(), last + 1, last + 1, separator + "routes = [ "
                + urls.stream().map(u -> "\"" + u + "\"").collect(Collectors.joining(", ")) + " ]", rule, why);
    }

    /** One URL per line, indented one step further than the line of the list; the list's own comment lines first. */
    private static String list(List<String> comments, List<String> urls, String indent, String quote) {
        StringBuilder out = new StringBuilder("[\n");
        comments.forEach(comment -> out.append(indent).append("  ").append(comment).append('\n'));
        for (String url : urls) {
            out.append(indent).append("  ").append(quote).append(url).append(quote).append('\n');
        }
        return out.append(indent).append(']').toString();
    }

    /** The quote the list's first URL is written with ("" when bare); new lists are double-quoted. */
    private static String quoteOf(String text, Route first) {
        if (first == null || first.position() == null) {
            return "\"";
        }
        int offset = ConfText.offset(text, first.position().line(), first.position().column());
        if (offset < 0 || offset >= text.length()) {
            return "\"";
        }
        char c = text.charAt(offset);
        return c == '"' || c == '\'' ? String.valueOf(c) : "";
    }

    /** A fix that cannot be made at {@code at}, and why: reported, nothing changes. */
    Fix refuse(Position at, String why) {
        return Fix.refused(at, rule, why);
    }
}
