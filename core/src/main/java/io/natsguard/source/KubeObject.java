package io.natsguard.source;

import io.natsguard.base.Position;
import java.util.Map;
import org.yaml.snakeyaml.nodes.Node;

/**
 * A Kubernetes object read from a YAML document: its identity, its node tree (with positions) and
 * the file it came from.
 *
 * @param file        the file as natsguard names it
 * @param source      the whole file's text (to lay block scalars over its lines)
 * @param node        the object's mapping node
 */
public record KubeObject(String apiVersion, String kind, String name, String namespace, String file, SourceText source,
        Node node, Map<String, String> annotations) {

    /** Objects without a namespace land in "default", as kubectl applies them. */
    public static final String DEFAULT_NAMESPACE = "default";

    /** The whole file's text. */
    public String text() {
        return source.text();
    }

    public Position position() {
        return Yaml.position(file, node);
    }

    public Position positionOf(Node inner) {
        return Yaml.position(file, inner);
    }

    /** "StatefulSet nats/nats-server" */
    public String label() {
        return kind + " " + namespace + "/" + name;
    }
}
