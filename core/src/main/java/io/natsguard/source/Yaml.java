package io.natsguard.source;

import io.natsguard.base.Position;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/** Small helpers over SnakeYAML's node graph, which keeps the position of every node. */
public final class Yaml {

    private Yaml() {
    }

    /** The value under a path of mapping keys, if every step is a mapping that has the key. */
    public static Optional<Node> at(Node node, String... path) {
        Node current = node;
        for (String key : path) {
            if (!(current instanceof MappingNode mapping)) {
                return Optional.empty();
            }
            Node next = null;
            for (NodeTuple tuple : mapping.getValue()) {
                if (tuple.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
                    next = tuple.getValueNode(); // the last one wins, as in the API server
                }
            }
            if (next == null) {
                return Optional.empty();
            }
            current = next;
        }
        return Optional.of(current);
    }

    /** The key node of an entry of a mapping (its position is where people look). */
    public static Optional<Node> keyAt(Node mapping, String key) {
        if (mapping instanceof MappingNode m) {
            Node found = null;
            for (NodeTuple tuple : m.getValue()) {
                if (tuple.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
                    found = k;
                }
            }
            return Optional.ofNullable(found);
        }
        return Optional.empty();
    }

    public static Optional<String> string(Node node, String... path) {
        return at(node, path).filter(ScalarNode.class::isInstance).map(n -> ((ScalarNode) n).getValue());
    }

    public static Optional<Integer> integer(Node node, String... path) {
        return string(node, path).flatMap(text -> {
            try {
                return Optional.of(Integer.parseInt(text.trim()));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }

    public static List<Node> list(Node node, String... path) {
        return at(node, path).filter(SequenceNode.class::isInstance).map(n -> ((SequenceNode) n).getValue())
                .orElse(List.of());
    }

    /** The entries of a mapping as (key node, value node) pairs with string keys. */
    public static List<NodeTuple> entries(Node node) {
        List<NodeTuple> result = new ArrayList<>();
        if (node instanceof MappingNode m) {
            for (NodeTuple tuple : m.getValue()) {
                if (tuple.getKeyNode() instanceof ScalarNode) {
                    result.add(tuple);
                }
            }
        }
        return result;
    }

    public static String keyOf(NodeTuple tuple) {
        return ((ScalarNode) tuple.getKeyNode()).getValue();
    }

    /** A node's start as a human position (SnakeYAML counts from 0). */
    public static Position position(String file, Node node) {
        return new Position(file, node.getStartMark().getLine() + 1, node.getStartMark().getColumn() + 1);
    }
}
