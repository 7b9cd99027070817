package io.natsguard.source;

import io.natsguard.base.Position;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Reads the Kubernetes objects of a YAML file: every document, the items of a {@code kind: List},
 * each with the positions of all its nodes. A file that does not parse yields a problem with its
 * position, never a silent skip.
 */
public final class ManifestReader {

    /** What one file holds: its objects, and the problem that stopped reading it, if any. */
    public record Result(List<KubeObject> objects, InputProblem problem) {
    }

    private ManifestReader() {
    }

    public static Result read(String file, String text) {
        List<KubeObject> objects = new ArrayList<>();
        SourceText source = new SourceText(text);
        try {
            Composer documents = composer(text);
            while (documents.checkNode()) {
                collect(withBoundedAliases(documents.getNode()), file, source, objects);
            }
            return new Result(objects, null);
        } catch (YAMLException e) {
            return new Result(objects, problem(file, e));
        }
    }

    /** What SnakeYAML stopped at in {@code file}: at the place it marks, else at the file's start. */
    public static InputProblem problem(String file, YAMLException e) {
        if (e instanceof MarkedYAMLException marked) {
            var mark = marked.getProblemMark() != null ? marked.getProblemMark() : marked.getContextMark();
            Position at = mark == null ? new Position(file, 1, 1) : new Position(file, mark.getLine() + 1, mark.getColumn() + 1);
            String what = marked.getProblem() != null ? marked.getProblem() : marked.getMessage();
            String context = marked.getContext() != null ? " " + marked.getContext() : "";
            return InputProblem.unreadable(at, "YAML does not parse:" + context + " " + what);
        }
        return problem(new Position(file, 1, 1), e);
    }

    /** YAML that stopped at one of the loader's bounds (limit-exceeded), or that does not parse. */
    static InputProblem problem(Position at, YAMLException e) {
        return pastBound(e.getMessage()) ? InputProblem.limit(at, "YAML past natsguard's bound: " + e.getMessage())
                : InputProblem.unreadable(at, "YAML does not parse: " + e.getMessage());
    }

    /**
     * The objects of one document already read into nodes, {@code text} being the text they were read
     * from: the webhook reads the JSON objects of the API server as JSON, not as YAML.
     */
    public static List<KubeObject> objects(String file, String text, Node document) {
        List<KubeObject> objects = new ArrayList<>();
        collect(document, file, new SourceText(text), objects);
        return objects;
    }

    /** One YAML document (hardened like manifests), or null when the text holds none. */
    public static Node compose(String text) throws YAMLException {
        Node document = composer(text).getSingleNode();
        return document == null ? null : withBoundedAliases(document);
    }

    /** What aliases may add to a document beyond its own nodes: reuse of a few anchors, not a bomb. */
    private static final long NODES_ALIASES_MAY_ADD = 100_000;

    /**
     * The document, once a walk of it as its readers see it stays within its own size and a margin.
     * SnakeYAML counts aliases (100 at most), not what they stand for: two aliases a level over 48
     * levels stand for 2^48 nodes, which a reader that walks the whole tree (the chart values model
     * does) would meet one by one. A node holds at least one character, so a tree without aliases
     * never has more nodes than its document's span.
     */
    private static Node withBoundedAliases(Node document) {
        long budget = document.getEndMark().getIndex() - document.getStartMark().getIndex() + NODES_ALIASES_MAY_ADD;
        Deque<Node> pending = new ArrayDeque<>(List.of(document));
        while (!pending.isEmpty()) {
            if (--budget < 0) {
                throw new YAMLException("Aliases expand the document past " + NODES_ALIASES_MAY_ADD + " nodes more than it holds");
            }
            Node node = pending.pop();
            if (node instanceof MappingNode mapping) {
                for (NodeTuple tuple : mapping.getValue()) {
                    pending.push(tuple.getKeyNode());
                    pending.push(tuple.getValueNode());
                }
            } else if (node instanceof SequenceNode sequence) {
                sequence.getValue().forEach(pending::push);
            }
        }
        return document;
    }

    /** Limits that keep hostile YAML (alias bombs, deep nesting, huge documents) bounded; read-only once made. */
    private static final LoaderOptions OPTIONS = options();
    private static final Resolver RESOLVER = new Resolver();

    private static LoaderOptions options() {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(100);
        options.setNestingDepthLimit(200);
        options.setCodePointLimit(64 * 1024 * 1024);
        options.setAllowDuplicateKeys(true);
        return options;
    }

    /** SnakeYAML's composer as {@code Yaml.composeAll} makes it, over the text in memory (see {@link WholeTextReader}). */
    private static Composer composer(String text) {
        return new Composer(new ParserImpl(new WholeTextReader(text), OPTIONS), RESOLVER, OPTIONS);
    }

    /** SnakeYAML's words when it stops at one of the loader's bounds (below) rather than at bad YAML. */
    private static boolean pastBound(String message) {
        return message != null && (message.startsWith("Number of aliases") || message.startsWith("Aliases expand")
                || message.startsWith("Nesting Depth exceeded")
                || message.contains("exceeds the limit"));
    }

    private static void collect(Node document, String file, SourceText text, List<KubeObject> out) {
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
