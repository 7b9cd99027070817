package io.natsguard.source.helm;

import io.natsguard.base.Position;
import java.io.StringReader;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/** Turns SnakeYAML nodes into {@link Traced} values typed as Helm types them (YAML 1.1, merge keys). */
final class ValuesReader {

    /** The provenance of a value: {@code site} is its key node in a map, else the value node itself. */
    interface Labels {
        Provenance of(Node site, String path, Node value);
    }

    private static final Set<Tag> TYPED = Set.of(Tag.INT, Tag.FLOAT, Tag.BOOL, Tag.NULL);

    private ValuesReader() {
    }

    /** Values a user wrote in {@code file}: each value points at its key (in a map) or at itself (in a list). */
    static Traced user(Node root, java.util.function.Function<Node, Position> positions) {
        return read(root, root, "", (site, path, value) -> new Provenance(positions.apply(site), path.isEmpty() ? "values" : path));
    }

    /** Values of one YAML text that all share one provenance (text the chart renders from a template). */
    static Traced text(String yaml, Provenance from) {
        Node node = new Yaml(new LoaderOptions()).compose(new StringReader(yaml));
        return node == null ? new Traced(null, from) : read(node, node, "", (site, path, value) -> from);
    }

    static Traced read(Node site, Node node, String path, Labels labels) {
        Provenance from = labels.of(site, path, node);
        if (node instanceof MappingNode mapping) {
            return new Traced(entries(mapping, path, labels), from);
        }
        if (node instanceof SequenceNode sequence) {
            List<Traced> items = new ArrayList<>();
            for (Node item : sequence.getValue()) {
                items.add(read(item, item, path + "[" + items.size() + "]", labels));
            }
            return new Traced(items, from);
        }
        return new Traced(scalar((ScalarNode) node), from);
    }

    /** Keys written in the mapping win over merged ones ({@code <<}); earlier merged maps win over later. */
    private static Map<String, Traced> entries(MappingNode mapping, String path, Labels labels) {
        Map<String, Traced> entries = new LinkedHashMap<>();
        List<MappingNode> merged = new ArrayList<>();
        for (NodeTuple tuple : mapping.getValue()) {
            if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
                continue; // a complex key has no JSON form: Helm cannot hold it either
            }
            if (key.getTag().equals(Tag.MERGE)) {
                collectMerged(tuple.getValueNode(), merged);
                continue;
            }
            String childPath = path.isEmpty() ? key.getValue() : path + "." + key.getValue();
            entries.put(key.getValue(), read(key, tuple.getValueNode(), childPath, labels));
        }
        for (MappingNode source : merged) {
            entries(source, path, labels).forEach(entries::putIfAbsent);
        }
        return entries;
    }

    private static void collectMerged(Node value, List<MappingNode> out) {
        if (value instanceof MappingNode m) {
            out.add(m);
        } else if (value instanceof SequenceNode s) {
            s.getValue().forEach(item -> collectMerged(item, out));
        }
    }

    private static Object scalar(ScalarNode node) {
        if (!TYPED.contains(node.getTag())) {
            return node.getValue(); // strings, and timestamps, which Helm's JSON round trip keeps as text
        }
        try {
            Object value = new Scalars().construct(node);
            if (value instanceof BigInteger big) {
                return big.bitLength() < 64 ? (Object) big.longValue() : (Object) big.doubleValue();
            }
            return value instanceof Integer i ? (Object) i.longValue() : value;
        } catch (YAMLException | NumberFormatException e) {
            return node.getValue();
        }
    }

    static Position position(String file, Node node) {
        return new Position(file, node.getStartMark().getLine() + 1, node.getStartMark().getColumn() + 1);
    }

    /** SafeConstructor's YAML 1.1 scalar typing, which matches the go-yaml v2 that Helm reads values with. */
    private static final class Scalars extends SafeConstructor {
        Scalars() {
            super(new LoaderOptions());
        }

        Object construct(ScalarNode node) {
            return constructObject(node);
        }
    }
}
