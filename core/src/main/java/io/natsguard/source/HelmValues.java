package io.natsguard.source;

import io.natsguard.base.Position;
import io.natsguard.limit.Limits;
import io.natsguard.limit.ReadScope;
import io.natsguard.source.helm.ChartVersions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * The values a GitOps object gives the official NATS chart: a Flux {@code HelmRelease} (v2 and the
 * v1 of helm-operator, {@link FluxReleases}) or an Argo CD {@code Application} ({@link ArgoApplications}),
 * or a values file of an umbrella chart. Each layer keeps where its text is, so that the chart's
 * output can be traced to the line the user wrote.
 *
 * @param owner       the HelmRelease or Application
 * @param releaseName the Helm release name
 * @param namespace   the namespace the chart is installed into
 * @param layers      the values, lowest precedence first
 * @param missing     values that could not be had or read (a valuesFrom object not scanned, a value file not read,
 *                    values that are no YAML map or pass a bound), each at its place
 * @param version     the version of chart nats the values are for
 */
public record HelmValues(KubeObject owner, String releaseName, String namespace, List<Layer> layers,
        List<InputProblem> missing, Version version) {

    /** The chart natsguard models. */
    public static final String CHART = "nats";

    /** Top-level keys of the 0.x chart's values that chart 1.0.0 and later do not have. */
    private static final Set<String> OLD_LAYOUT = Set.of("cluster", "nats");

    /** One values document and where its lines are. */
    public record Layer(Node root, Origin origin, String description) {

        /** The user's position of a node of this layer. */
        public Position position(Node node) {
            return origin.locate(node.getStartMark().getLine() + 1, node.getStartMark().getColumn() + 1);
        }

        /** The values an umbrella chart passes to its dependency: the map under its name or alias, or none. */
        Optional<Layer> under(String subchart) {
            return Yaml.at(root, subchart).filter(MappingNode.class::isInstance)
                    .map(values -> new Layer(values, origin, description + " under " + subchart));
        }
    }

    /**
     * The version of chart nats the values are for.
     *
     * @param written the version or constraint as written, or null when none is (the latest chart)
     * @param at      where it is written, or what names the chart when it is not
     * @param unknown why natsguard cannot tell which chart it is, or null
     */
    public record Version(String written, Position at, String unknown) {

        static Version latest(Position at) {
            return new Version(null, at, null);
        }
    }

    /** The layers merged as Helm merges values files (maps key by key, the later wins), and where each node is. */
    public record Merged(Node values, Function<Node, Position> positions) {
    }

    public Merged merged() {
        Map<Node, Layer> layerOf = new IdentityHashMap<>();
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

    /**
     * Why the model cannot render these values, at its place: a chart natsguard cannot identify, a
     * version it does not model, or values written for the 0.x chart. Empty when it can.
     */
    public Optional<InputProblem> unmodeled() {
        String notChecked = ", so the cluster these values deploy was not checked";
        if (version.unknown() != null) {
            return Optional.of(InputProblem.unchecked(version.at(), owner.label() + ": " + version.unknown() + notChecked));
        }
        Optional<String> notModeled = ChartVersions.unmodeled(version.written());
        if (notModeled.isPresent()) {
            return Optional.of(InputProblem.unchecked(version.at(), owner.label() + ": " + notModeled.get() + notChecked));
        }
        for (Layer layer : layers) {
            for (String key : OLD_LAYOUT) {
                Optional<Node> old = Yaml.keyAt(layer.root(), key);
                if (old.isPresent()) {
                    String chart = version.written() == null ? "the latest chart nats" : "chart nats " + version.written();
                    return Optional.of(InputProblem.unchecked(layer.position(old.get()), owner.label() + ": " + key
                            + ": at the top of the values is the 0.x chart's layout, which " + chart + " ignores (its "
                            + "cluster is config.cluster)" + notChecked + "; write the values for the chart installed, or "
                            + "pin the 0.x chart"));
                }
            }
        }
        return Optional.empty();
    }

    private static void register(Node node, Layer layer, Map<Node, Layer> layerOf) {
        if (layerOf.put(node, layer) != null) {
            return; // an alias seen again
        }
        if (node instanceof MappingNode map) {
            for (NodeTuple t : map.getValue()) {
                register(t.getKeyNode(), layer, layerOf);
                register(t.getValueNode(), layer, layerOf);
            }
        } else if (node instanceof SequenceNode seq) {
            seq.getValue().forEach(item -> register(item, layer, layerOf));
        }
    }

    /** A new mapping: {@code top}'s entries over {@code base}'s, maps merged key by key; the nodes themselves are kept. */
    private static Node merge(Node base, Node top) {
        if (!(base instanceof MappingNode b) || !(top instanceof MappingNode t)) {
            return top;
        }
        LinkedHashMap<String, NodeTuple> entries = new LinkedHashMap<>();
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

    /** A values file of the official chart, its version unknown (the latest). The file stands in as the owner. */
    public static Optional<HelmValues> ofValuesFile(String file, String text, String releaseName, String namespace,
            String subchart) {
        return ofValuesFile(file, text, releaseName, namespace, subchart, Version.latest(new Position(file, 1, 1)));
    }

    /**
     * A values file of the official chart at a version, or of an umbrella chart that depends on it
     * (then the chart's values are under {@code subchart}, its name or alias). The file stands in as the owner.
     */
    public static Optional<HelmValues> ofValuesFile(String file, String text, String releaseName, String namespace,
            String subchart, Version version) {
        Optional<Layer> layer = parse(text, new Origin.SameFile(file), file);
        if (layer.isEmpty()) {
            return Optional.empty();
        }
        Node root = layer.get().root();
        KubeObject owner = new KubeObject("natsguard.io/v1", "HelmValues", Path.of(file).getFileName().toString(),
                namespace, file, new SourceText(text), root, Map.of());
        List<Layer> layers = (subchart == null ? layer : layer.get().under(subchart)).stream().toList();
        return Optional.of(new HelmValues(owner, releaseName, namespace, layers, List.of(), version));
    }

    /** How an umbrella chart's Chart.yaml depends on chart nats: the name or alias its values go under, and the version. */
    public record Dependency(String subchart, Version version) {
    }

    /** The dependency of a Chart.yaml ({@code file}) on the chart {@code nats}, if it has one. */
    public static Optional<Dependency> dependencyOnNats(String chartYaml, String file) {
        return parse(chartYaml, new Origin.SameFile(file), file).flatMap(HelmValues::dependencyOnNats);
    }

    static Optional<Dependency> dependencyOnNats(Layer chart) {
        for (Node dependency : Yaml.list(chart.root(), "dependencies")) {
            if (Yaml.string(dependency, "name").map(CHART::equals).orElse(false)) {
                Position at = chart.position(Yaml.at(dependency, "version").orElse(dependency));
                return Optional.of(new Dependency(Yaml.string(dependency, "alias").orElse(CHART),
                        new Version(Yaml.string(dependency, "version").orElse(null), at, null)));
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
     * Every HelmRelease and Application among the objects that installs the chart {@code nats}, or a
     * local chart that may be it. Files they name (Argo CD {@code valueFiles}, a local chart) are read
     * only inside {@code scope}, none larger than the limit; a {@code valuesFrom} object is looked for as
     * {@code units} reach it from the HelmRelease.
     */
    public static List<HelmValues> find(List<KubeObject> objects, Units units, ReadScope scope, Limits limits) {
        List<HelmValues> found = new ArrayList<>();
        for (KubeObject o : objects) {
            if (o.kind().equals("HelmRelease") && o.apiVersion().startsWith("helm.toolkit.fluxcd.io/")) {
                FluxReleases.v2(o, objects, units, scope, limits).ifPresent(found::add);
            } else if (o.kind().equals("HelmRelease") && o.apiVersion().startsWith("helm.fluxcd.io/")) {
                FluxReleases.v1(o, objects, units, scope, limits).ifPresent(found::add);
            } else if (o.kind().equals("Application") && o.apiVersion().startsWith("argoproj.io/")) {
                ArgoApplications.read(o, scope, limits).ifPresent(found::add);
            }
        }
        return found;
    }

    // ---- shared by the readers of GitOps objects ----

    /**
     * The file or folder a GitOps object names relative to its repository's root: the nearest folder
     * up from the object's file that has it, inside the scope. An IOException says why none was found.
     */
    static Path nearest(KubeObject from, String relative, ReadScope scope, Predicate<Path> fits) throws IOException {
        if (scope.roots().isEmpty()) {
            throw new IOException("natsguard reads no file here");
        }
        Path beside = Path.of(from.file()).toAbsolutePath().getParent();
        Optional<String> outside = scope.refusal(beside.resolve(relative).normalize());
        if (outside.isPresent()) {
            throw new IOException("not read: " + outside.get());
        }
        for (Path dir = beside; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(relative).normalize();
            if (scope.refusal(candidate).isEmpty() && fits.test(candidate)) {
                return candidate;
            }
        }
        throw new IOException("not among the scanned files");
    }

    /** A YAML map of values read from a file found by {@link #nearest}, located in that file. */
    static Layer valuesIn(Path file, Limits limits) throws IOException {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = limits.readAtMost(in);
        }
        if (bytes == null) {
            throw new IOException(limits.tooLarge() + ", not read");
        }
        String name = Kustomize.display(file);
        return parse(new String(bytes, java.nio.charset.StandardCharsets.UTF_8), new Origin.SameFile(name), name)
                .orElseThrow(() -> new IOException("holds no YAML map of values"));
    }

    /** Sets a value at a dotted path ({@code config.cluster.replicas}), making the maps on the way. */
    static void put(MappingNode root, String dottedPath, Node value, Node at) {
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

    static MappingNode mapping(Node at) {
        return new MappingNode(Tag.MAP, true, new ArrayList<NodeTuple>(), at.getStartMark(), at.getEndMark(), DumperOptions.FlowStyle.BLOCK);
    }

    /** A Secret that is not valid base64 is reported where the Secret itself is checked; here it holds no values. */
    static List<DataEntry> entriesOf(KubeObject holder) {
        try {
            return DataEntry.of(holder);
        } catch (DataEntry.InvalidData e) {
            return List.of();
        }
    }

    /**
     * Values written as text (a string of an Application, a key of a valuesFrom ConfigMap): a layer, or
     * a problem at their place, never a silent skip. Empty text holds no values and says nothing.
     */
    static void addValues(String text, Origin origin, String description, Position at, List<Layer> layers,
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

    static Optional<Layer> parse(String text, Origin origin, String description) {
        try {
            Node node = ManifestReader.compose(text);
            return node instanceof MappingNode ? Optional.of(new Layer(node, origin, description)) : Optional.empty();
        } catch (YAMLException e) {
            return Optional.empty();
        }
    }
}
