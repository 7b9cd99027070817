package io.natsguard.edit;

import io.natsguard.base.Position;
import io.natsguard.source.HelmValues;
import io.natsguard.source.Origin;
import java.util.Map;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * The route fix for a cluster the official NATS chart makes: the chart writes one route per pod
 * (for {@code config.cluster.replicas}) unless the values override it, so the fix removes the
 * override {@code config.cluster.merge.routes} from every values layer that sets it (the whole
 * {@code merge} when routes is all it holds): in a values file, a HelmRelease's spec.values, an
 * Application's valuesObject. Values inside a string (Application helm.values, a valuesFrom
 * ConfigMap) are not rewritten.
 */
final class ChartRoutes {

    private final Map<String, String> texts;
    private final Planner planner;

    ChartRoutes(Map<String, String> texts, Planner planner) {
        this.texts = texts;
        this.planner = planner;
    }

    /** The fix for the chart's values; {@code finding} is where the finding is, for the refusal when no layer sets routes. */
    Fix drop(HelmValues values, Position finding) {
        Fix fix = Fix.NONE;
        boolean found = false;
        for (HelmValues.Layer layer : values.layers()) {
            MappingNode cluster = map(map(layer.root(), "config"), "cluster");
            MappingNode merge = map(cluster, "merge");
            NodeTuple routes = tuple(merge, "routes");
            if (routes == null) {
                continue;
            }
            found = true;
            NodeTuple gone = merge.getValue().size() == 1 ? tuple(cluster, "merge") : routes;
            if (!(layer.origin() instanceof Origin.SameFile)) {
                fix = fix.and(planner.refuse(layer.position(routes.getKeyNode()), "config.cluster.merge.routes is in "
                        + layer.description() + ", a string natsguard does not rewrite: remove it by hand"));
                continue;
            }
            Position key = layer.position(gone.getKeyNode());
            String text = texts.get(key.file());
            int start = text == null ? -1 : ConfText.offset(text, key.line(), key.column());
            if (start < 0 || !ConfText.startsLine(text, start)) {
                fix = fix.and(planner.refuse(key, "config.cluster.merge is not a block mapping: remove routes by hand"));
                continue;
            }
            Mark end = gone.getValueNode().getEndMark();
            Position endAt = layer.origin().locate(end.getLine() + 1, end.getColumn() + 1);
            int stop = Math.min(ConfText.offset(text, endAt.line(), endAt.column()), text.length());
            // a block value ends where the next key starts: cut at that line's start; else after the value's line
            int stopLine = text.lastIndexOf('\n', stop - 1) + 1;
            int lineEnd = text.indexOf('\n', stop);
            int cut = text.substring(stopLine, stop).isBlank() ? stopLine : lineEnd < 0 ? text.length() : lineEnd + 1;
            fix = fix.and(Fix.of(new Edit(key.file(), start - ConfText.indentation(text, start).length(), cut, "", planner.rule(),
                    "config.cluster.merge.routes removed: the chart writes one route per pod")));
        }
        return found ? fix : planner.refuse(finding, "the chart's routes come from a patch or the chart's defaults: remove the override by hand");
    }

    private static MappingNode map(Node node, String key) {
        NodeTuple t = tuple(node, key);
        return t != null && t.getValueNode() instanceof MappingNode m ? m : null;
    }

    private static NodeTuple tuple(Node node, String key) {
        if (!(node instanceof MappingNode map)) {
            return null;
        }
        for (NodeTuple t : map.getValue()) {
            if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
                return t;
            }
        }
        return null;
    }
}
