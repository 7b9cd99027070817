package io.natsguard.source;

import io.natsguard.conf.Position;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.representer.Representer;

/**
 * Reads the Kubernetes objects of a YAML file: every document, the items of a {@code kind: List},
 * each with the positions of all its nodes. A file that does not parse yields a problem with its
 * position, never a silent skip.
 */
public final class ManifestReader {

    /** What one file holds: its objects, and the problem that stopped reading it, if any. */
    public record Result(List<KubeObject> objects, Problem problem) {
    }

    /** A YAML file that does not parse. */
    public record Problem(Position position, String message) {
    }

    private ManifestReader() {
    }

    public static Result read(String file, String text) {
        List<KubeObject> objects = new ArrayList<>();
        try {
            for (Node document : YAML.get().composeAll(new StringReader(text))) {
                collect(document, file, text, objects);
            }
            return new Result(objects, null);
        } catch (MarkedYAMLException e) {
            var mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            Position at = mark == null ? new Position(file, 1, 1) : new Position(file, mark.getLine() + 1, mark.getColumn() + 1);
            String what = e.getProblem() != null ? e.getProblem() : e.getMessage();
            String context = e.getContext() != null ? " " + e.getContext() : "";
            return new Result(objects, new Problem(at, "YAML does not parse:" + context + " " + what));
        } catch (YAMLException e) {
            return new Result(objects, new Problem(new Position(file, 1, 1), "YAML does not parse: " + e.getMessage()));
        }
    }

    /**
     * The objects of one document already read into nodes, {@code text} being the text they were read
     * from: the webhook reads the JSON objects of the API server as JSON, not as YAML.
     */
    public static List<KubeObject> objects(String file, String text, Node document) {
        List<KubeObject> objects = new ArrayList<>();
        collect(document, file, text, objects);
        return objects;
    }

    /** One YAML document (hardened like manifests), or null when the text holds none. */
    public static Node compose(String text) throws YAMLException {
        return YAML.get().compose(new StringReader(text));
    }

    /** One loader a thread: making one costs more than reading a small manifest. */
    private static final ThreadLocal<org.yaml.snakeyaml.Yaml> YAML = ThreadLocal.withInitial(ManifestReader::yaml);

    /** Limits that keep hostile YAML (alias bombs, deep nesting, huge documents) bounded. */
    private static org.yaml.snakeyaml.Yaml yaml() {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(100);
        options.setNestingDepthLimit(200);
        options.setCodePointLimit(64 * 1024 * 1024);
        options.setAllowDuplicateKeys(true);
        DumperOptions dumper = new DumperOptions();
        return new org.yaml.snakeyaml.Yaml(new SafeConstructor(options), new Representer(dumper), dumper, options);
    }

    private static void collect(Node document, String file, String text, List<KubeObject> out) {
        if (!(document instanceof MappingNode)) {
            return; // not an object: a scalar or list document is no Kubernetes manifest
        }
        String kind = Yaml.string(document, "kind").orElse(null);
        String apiVersion = Yaml.string(document, "apiVersion").orElse(null);
        if (kind == null || apiVersion == null) {
            return;
        }
        if (kind.equals("List") || kind.endsWith("List") && Yaml.at(document, "items").isPresent()) {
            for (Node item : Yaml.list(document, "items")) {
                collect(item, file, text, out);
            }
            return;
        }
        String name = Yaml.string(document, "metadata", "name").orElse("");
        String namespace = Yaml.string(document, "metadata", "namespace").filter(s -> !s.isBlank())
                .orElse(KubeObject.DEFAULT_NAMESPACE);
        Map<String, String> annotations = new LinkedHashMap<>();
        Yaml.at(document, "metadata", "annotations").ifPresent(node -> {
            for (NodeTuple entry : Yaml.entries(node)) {
                if (entry.getValueNode() instanceof ScalarNode value) {
                    annotations.put(Yaml.keyOf(entry), value.getValue());
                }
            }
        });
        out.add(new KubeObject(apiVersion, kind, name, namespace, file, text, document, annotations));
    }
}
