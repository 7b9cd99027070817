package io.natsguard.source;

import io.natsguard.base.Position;
import io.natsguard.limit.Limits;
import io.natsguard.limit.ReadScope;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * The values a GitOps object gives the official NATS chart: a Flux {@code HelmRelease} (inline
 * {@code values}, {@code valuesFrom} ConfigMaps and Secrets) or an Argo CD {@code Application}
 * ({@code valueFiles}, {@code values} as a string, {@code valuesObject}, {@code parameters}, several
 * {@code sources}). Each layer keeps where its text is, so that the chart's output can be traced to
 * the line the user wrote.
 *
 * @param owner       the HelmRelease or Application
 * @param releaseName the Helm release name
 * @param namespace   the namespace the chart is installed into
 * @param layers      the values, lowest precedence first
 * @param missing     values that could not be had or read (a valuesFrom object not scanned, a value file not read,
 *                    values that are no YAML map or pass a bound), each at its place
 */
public record HelmValues(KubeObject owner, String releaseName, String namespace, List<Layer> layers,
        List<InputProblem> missing) {

    /** The chart natsguard models. */
    public static final String CHART = "nats";

    /** One values document and where its lines are. */
    public record Layer(Node root, Origin origin, String description) {

        /** The user's position of a node of this layer. */
        public Position position(Node node) {
            return origin.locate(node.getStartMark().getLine() + 1, node.getStartMark().getColumn() + 1);
        }
    }

    /** The layers merged as Helm merges values files (maps key by key, the later wins), and where each node is. */
    public record Merged(Node values, java.util.function.Function<Node, Position> positions) {
    }

    public Merged merged() {
        java.util.Map<Node, Layer> layerOf = new java.util.IdentityHashMap<>();
        Node values = null;
        for (Layer layer : layers) {
            register(layer.root(), layer, layerOf);
            values = values == null ? layer.root() : merge(values, layer.root());
        }
        Position fallback = owner.position();
        return new Merged(values, node -> {
            Layer layer = layerOf.get(node);
            return layer == null ? fallback : layer.position(node);
        });
    }

    private static void register(Node node, Layer layer, java.util.Map<Node, Layer> layerOf) {
        if (layerOf.put(node, layer) != null) {
            return; // an alias seen again
        }
        if (node instanceof MappingNode map) {
            for (NodeTuple t : map.getValue()) {
                register(t.getKeyNode(), layer, layerOf);
                register(t.getValueNode(), layer, layerOf);
            }
        } else if (node instanceof org.yaml.snakeyaml.nodes.SequenceNode seq) {
            seq.getValue().forEach(item -> register(item, layer, layerOf));
        }
    }

    /** A new mapping: {@code top}'s entries over {@code base}'s, maps merged key by key; the nodes themselves are kept. */
    private static Node merge(Node base, Node top) {
        if (!(base instanceof MappingNode b) || !(top instanceof MappingNode t)) {
            return top;
        }
        java.util.LinkedHashMap<String, NodeTuple> entries = new java.util.LinkedHashMap<>();
        for (NodeTuple tuple : b.getValue()) {
            if (tuple.getKeyNode() instanceof ScalarNode k) {
                entries.put(k.getValue(), tuple);
            }
        }
        for (NodeTuple tuple : t.getValue()) {
            if (tuple.getKeyNode() instanceof ScalarNode k) {
                NodeTuple under = entries.get(k.getValue());
                Node value = under == null ? tuple.getValueNode() : merge(under.getValueNode(), tuple.getValueNode());
                entries.put(k.getValue(), new NodeTuple(tuple.getKeyNode(), value));
            }
        }
        return new MappingNode(Tag.MAP, true, new ArrayList<>(entries.values()), t.getStartMark(), t.getEndMark(),
                DumperOptions.FlowStyle.BLOCK);
    }

    /**
     * A values file of the official chart, or of an umbrella chart that depends on it (then the
     * chart's values are under {@code subchart}, its name or alias). The file stands in as the owner.
     */
    public static Optional<HelmValues> ofValuesFile(String file, String text, String releaseName, String namespace,
            String subchart) {
        Optional<Layer> layer = parse(text, new Origin.SameFile(file), file);
        if (layer.isEmpty()) {
            return Optional.empty();
        }
        Node root = layer.get().root();
        Node values = subchart == null ? root : Yaml.at(root, subchart).orElse(null);
        KubeObject owner = new KubeObject("natsguard.io/v1", "HelmValues", Path.of(file).getFileName().toString(),
                namespace, file, new SourceText(text), root, Map.of());
        List<Layer> layers = values instanceof MappingNode ? List.of(new Layer(values, new Origin.SameFile(file), file)) : List.of();
        return Optional.of(new HelmValues(owner, releaseName, namespace, layers, List.of()));
    }

    /** The name or alias under which a Chart.yaml depends on the chart {@code nats}, if it does. */
    public static Optional<String> dependencyOnNats(String chartYaml) {
        Optional<Layer> chart = parse(chartYaml, new Origin.SameFile("Chart.yaml"), "Chart.yaml");
        if (chart.isEmpty()) {
            return Optional.empty();
        }
        for (Node dependency : Yaml.list(chart.get().root(), "dependencies")) {
            if (Yaml.string(dependency, "name").map(CHART::equals).orElse(false)) {
                return Optional.of(Yaml.string(dependency, "alias").orElse(CHART));
            }
        }
        return Optional.empty();
    }

    /** The chart's own name in a Chart.yaml: the release name an umbrella is usually installed under. */
    public static String chartName(String chartYaml) {
        return parse(chartYaml, new Origin.SameFile("Chart.yaml"), "Chart.yaml")
                .flatMap(chart -> Yaml.string(chart.root(), "name")).orElse(CHART);
    }

    /**
     * Every HelmRelease and Application among the objects that installs the chart {@code nats}. Value
     * files (Argo CD {@code valueFiles}) are read only inside {@code scope}, none larger than the limit;
     * a {@code valuesFrom} object is looked for as {@code units} reach it from the HelmRelease.
     */
    public static List<HelmValues> find(List<KubeObject> objects, Units units, ReadScope scope, Limits limits) {
        List<HelmValues> found = new ArrayList<>();
        for (KubeObject o : objects) {
            if (o.kind().equals("HelmRelease") && o.apiVersion().startsWith("helm.toolkit.fluxcd.io/")) {
                flux(o, objects, units).ifPresent(found::add);
            } else if (o.kind().equals("Application") && o.apiVersion().startsWith("argoproj.io/")) {
                argo(o, scope, limits).ifPresent(found::add);
            }
        }
        return found;
    }

    // ---- Flux: valuesFrom in order, then spec.values on top ----

    private static Optional<HelmValues> flux(KubeObject release, List<KubeObject> objects, Units units) {
        if (!Yaml.string(release.node(), "spec", "chart", "spec", "chart").map(CHART::equals).orElse(false)) {
            return Optional.empty();
        }
        String namespace = Yaml.string(release.node(), "spec", "targetNamespace").orElse(release.namespace());
        String name = Yaml.string(release.node(), "spec", "releaseName")
                .orElse(Yaml.string(release.node(), "spec", "targetNamespace").map(ns -> ns + "-").orElse("") + release.name());
        List<Layer> layers = new ArrayList<>();
        List<InputProblem> missing = new ArrayList<>();
        for (Node ref : Yaml.list(release.node(), "spec", "valuesFrom")) {
            String kind = Yaml.string(ref, "kind").orElse("");
            String refName = Yaml.string(ref, "name").orElse("");
            String key = Yaml.string(ref, "valuesKey").orElse("values.yaml");
            boolean optional = Yaml.string(ref, "optional").map("true"::equals).orElse(false);
            List<KubeObject> sameNamed = objects.stream()
                    .filter(o -> o.kind().equals(kind) && o.name().equals(refName) && o.namespace().equals(release.namespace())).toList();
            Optional<DataEntry> entry = units.reach(sameNamed, KubeObject::file, release.file()).stream()
                    .flatMap(reached -> entriesOf(reached.target()).stream()).filter(e -> e.key().equals(key)).findFirst();
            Optional<String> targetPath = Yaml.string(ref, "targetPath");
            if (entry.isPresent() && targetPath.isPresent()) {
                // the key's whole text is one value, set at targetPath
                Node value = new ScalarNode(Tag.STR, entry.get().text().strip(), ref.getStartMark(), ref.getEndMark(),
                        DumperOptions.ScalarStyle.PLAIN);
                MappingNode tree = mapping(ref);
                put(tree, targetPath.get(), value, ref);
                layers.add(new Layer(tree, new Origin.Fixed(entry.get().keyAt()), kind + " " + refName + " key " + key));
            } else if (entry.isPresent()) {
                addValues(entry.get().text(), entry.get().origin(), kind + " " + refName + " key " + key, entry.get().keyAt(),
                        layers, missing);
            } else if (!optional) {
                missing.add(InputProblem.unchecked(release.positionOf(ref), "valuesFrom " + kind + " " + release.namespace()
                        + "/" + refName + " key " + key + " is not among the scanned files, so the chart values it holds "
                        + "were not checked"));
            }
        }
        Yaml.at(release.node(), "spec", "values").filter(MappingNode.class::isInstance)
                .ifPresent(values -> layers.add(new Layer(values, new Origin.SameFile(release.file()), "spec.values")));
        return Optional.of(new HelmValues(release, name, namespace, layers, missing));
    }

    /** A Secret that is not valid base64 is reported where the Secret itself is checked; here it holds no values. */
    private static List<DataEntry> entriesOf(KubeObject holder) {
        try {
            return DataEntry.of(holder);
        } catch (DataEntry.InvalidData e) {
            return List.of();
        }
    }

    // ---- Argo CD: valueFiles, then values, then valuesObject, then parameters ----

    private static Optional<HelmValues> argo(KubeObject app, ReadScope scope, Limits limits) {
        List<Node> sources = new ArrayList<>(Yaml.list(app.node(), "spec", "sources"));
        Yaml.at(app.node(), "spec", "source").ifPresent(sources::add);
        Node chartSource = sources.stream().filter(s -> Yaml.string(s, "chart").map(CHART::equals).orElse(false))
                .findFirst().orElse(null);
        if (chartSource == null) {
            return Optional.empty();
        }
        String namespace = Yaml.string(app.node(), "spec", "destination", "namespace").orElse(app.namespace());
        String name = Yaml.string(chartSource, "helm", "releaseName").orElse(app.name());
        List<Layer> layers = new ArrayList<>();
        List<InputProblem> missing = new ArrayList<>();
        for (Node file : Yaml.list(chartSource, "helm", "valueFiles")) {
            if (file instanceof ScalarNode scalar) {
                try {
                    layers.add(valueFile(app, scalar.getValue(), scope, limits));
                } catch (IOException notRead) {
                    missing.add(InputProblem.unchecked(app.positionOf(file), "valueFiles " + scalar.getValue() + ": "
                            + notRead.getMessage() + ", so the chart values it holds were not checked"));
                }
            }
        }
        Yaml.at(chartSource, "helm", "values").filter(ScalarNode.class::isInstance).ifPresent(values -> addValues(
                ((ScalarNode) values).getValue(), DataEntry.originOf(app, (ScalarNode) values, app.positionOf(values)),
                "helm.values", app.positionOf(values), layers, missing));
        Yaml.at(chartSource, "helm", "valuesObject").filter(MappingNode.class::isInstance)
                .ifPresent(values -> layers.add(new Layer(values, new Origin.SameFile(app.file()), "helm.valuesObject")));
        List<Node> parameters = Yaml.list(chartSource, "helm", "parameters");
        if (!parameters.isEmpty()) {
            layers.add(new Layer(parametersTree(parameters), new Origin.SameFile(app.file()), "helm.parameters"));
        }
        return Optional.of(new HelmValues(app, name, namespace, layers, missing));
    }

    /**
     * {@code $values/path} resolves against the repository of the source with {@code ref: values}:
     * here, the nearest folder up from the Application that has the path, inside the scope. An
     * IOException says why it was not read.
     */
    private static Layer valueFile(KubeObject app, String reference, ReadScope scope, Limits limits)
            throws IOException {
        if (scope.roots().isEmpty()) {
            throw new IOException("natsguard reads no file here");
        }
        String relative = reference.replaceFirst("^\\$[A-Za-z0-9_-]+/", "");
        Path beside = Path.of(app.file()).toAbsolutePath().getParent();
        Optional<String> outside = scope.refusal(beside.resolve(relative).normalize());
        if (outside.isPresent()) {
            throw new IOException("not read: " + outside.get());
        }
        for (Path dir = beside; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(relative).normalize();
            if (scope.refusal(candidate).isEmpty() && Files.isRegularFile(candidate)) {
                byte[] bytes;
                try (InputStream in = Files.newInputStream(candidate)) {
                    bytes = limits.readAtMost(in);
                }
                if (bytes == null) {
                    throw new IOException(limits.tooLarge() + ", not read");
                }
                String file = Kustomize.display(candidate);
                return parse(new String(bytes, StandardCharsets.UTF_8), new Origin.SameFile(file), file)
                        .orElseThrow(() -> new IOException("holds no YAML map of values"));
            }
        }
        throw new IOException("not among the scanned files");
    }

    /** {@code [{name: config.cluster.replicas, value: "5"}]} as the values tree it sets; values keep their places. */
    private static Node parametersTree(List<Node> parameters) {
        MappingNode root = mapping(parameters.get(0));
        for (Node parameter : parameters) {
            Optional<String> path = Yaml.string(parameter, "name");
            Optional<Node> value = Yaml.at(parameter, "value");
            if (path.isPresent() && value.isPresent()) {
                put(root, path.get(), value.get(), parameter);
            }
        }
        return root;
    }

    /** Sets a value at a dotted path ({@code config.cluster.replicas}), making the maps on the way. */
    private static void put(MappingNode root, String dottedPath, Node value, Node at) {
        MappingNode current = root;
        String[] keys = dottedPath.split("\\.");
        for (int i = 0; i < keys.length; i++) {
            Node key = new ScalarNode(Tag.STR, keys[i], at.getStartMark(), at.getEndMark(), DumperOptions.ScalarStyle.PLAIN);
            if (i == keys.length - 1) {
                current.getValue().add(new NodeTuple(key, value));
            } else {
                MappingNode next = child(current, keys[i]);
                if (next == null) {
                    next = mapping(at);
                    current.getValue().add(new NodeTuple(key, next));
                }
                current = next;
            }
        }
    }

    private static MappingNode child(MappingNode map, String key) {
        for (NodeTuple t : map.getValue()) {
            if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key) && t.getValueNode() instanceof MappingNode m) {
                return m;
            }
        }
        return null;
    }

    private static MappingNode mapping(Node at) {
        return new MappingNode(Tag.MAP, true, new ArrayList<NodeTuple>(), at.getStartMark(), at.getEndMark(), DumperOptions.FlowStyle.BLOCK);
    }

    /**
     * Values written as text (a string of an Application, a key of a valuesFrom ConfigMap): a layer, or
     * a problem at their place, never a silent skip. Empty text holds no values and says nothing.
     */
    private static void addValues(String text, Origin origin, String description, Position at, List<Layer> layers,
            List<InputProblem> missing) {
        try {
            Node node = ManifestReader.compose(text);
            if (node instanceof MappingNode) {
                layers.add(new Layer(node, origin, description));
            } else if (node != null) {
                missing.add(InputProblem.unchecked(at, description + " holds no YAML map of values, so they were not checked"));
            }
        } catch (YAMLException e) {
            InputProblem problem = ManifestReader.problem(at, e);
            missing.add(new InputProblem(at, description + ": " + problem.message(), problem.kind() == InputProblem.Kind.LIMIT
                    ? InputProblem.Kind.LIMIT : InputProblem.Kind.UNCHECKED));
        }
    }

    private static Optional<Layer> parse(String text, Origin origin, String description) {
        try {
            Node node = ManifestReader.compose(text);
            return node instanceof MappingNode ? Optional.of(new Layer(node, origin, description)) : Optional.empty();
        } catch (YAMLException e) {
            return Optional.empty();
        }
    }


}
