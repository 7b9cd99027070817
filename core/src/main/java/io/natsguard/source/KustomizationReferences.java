package io.natsguard.source;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Where a kustomization names other files, folders or URLs, field by field as kustomize reads it
 * (api/types/kustomization.go), and where the configs of kustomize's built-in generators and
 * transformers do. Keys match as Go's JSON decoding matches them, whatever their case, so that
 * {@code RESOURCES:} is seen as kustomize sees it. Helm charts are left aside: kubectl builds them
 * only with {@code --enable-helm}, which natsguard never passes.
 */
final class KustomizationReferences {

    /** How kustomize reads what a reference names. */
    enum Kind {
        /** A file (an http(s) URL is fetched). */
        FILE,
        /** A file, else a kustomization folder or a git repository (resources, bases). */
        FILE_OR_FOLDER,
        /** A kustomization folder or a git repository (components). */
        FOLDER,
        /** A generator, transformer or validator: an inline config, a config file, or a folder of configs. */
        PLUGIN
    }

    /**
     * One reference.
     *
     * @param path     as written
     * @param node     the scalar that holds it, whose line is where to report it
     * @param leaveOut takes the entry that holds it out of the YAML tree, so that kustomize never sees it
     */
    record Reference(String path, Kind kind, ScalarNode node, Runnable leaveOut) {
    }

    private static final Map<String, Kind> LISTS = Map.of("resources", Kind.FILE_OR_FOLDER, "bases", Kind.FILE_OR_FOLDER,
            "components", Kind.FOLDER, "crds", Kind.FILE, "configurations", Kind.FILE, "patchesstrategicmerge", Kind.FILE,
            "generators", Kind.PLUGIN, "transformers", Kind.PLUGIN, "validators", Kind.PLUGIN);
    /** Lists of entries whose {@code path} names a file. */
    private static final Set<String> ITEMS_WITH_PATH = Set.of("patches", "patchesjson6902", "replacements");
    private static final Set<String> GENERATORS = Set.of("configmapgenerator", "secretgenerator");
    private static final Set<String> GENERATOR_KINDS = Set.of("ConfigMapGenerator", "SecretGenerator");
    private static final Set<String> PATCH_KINDS = Set.of("PatchTransformer", "PatchJson6902Transformer");

    private KustomizationReferences() {
    }

    /** The references of a kustomization, in the order written. */
    static List<Reference> of(MappingNode kustomization) {
        List<Reference> found = new ArrayList<>();
        for (NodeTuple field : kustomization.getValue()) {
            String key = keyOf(field);
            Node value = field.getValueNode();
            Kind kind = LISTS.get(key);
            if (kind != null) {
                items(value, kind, found);
            } else if (ITEMS_WITH_PATH.contains(key)) {
                eachMapping(value, (item, leaveOut) -> paths(item, "path", leaveOut, found));
            } else if (GENERATORS.contains(key)) {
                eachMapping(value, (item, leaveOut) -> generatorFiles(item, found));
            } else if (key.equals("openapi") && value instanceof MappingNode openapi) {
                paths(openapi, "path", null, found);
            }
        }
        return found;
    }

    /**
     * The files a built-in generator or transformer config reads (ConfigMapGenerator, SecretGenerator,
     * PatchTransformer, PatchJson6902Transformer, PatchStrategicMergeTransformer, ReplacementTransformer);
     * each, refused, leaves out the entry that names the config.
     */
    static List<Reference> ofPluginConfig(KubeObject config, Runnable leaveOut) {
        List<Reference> found = new ArrayList<>();
        if (!(config.node() instanceof MappingNode node)) {
            return found;
        }
        List<Reference> own = new ArrayList<>();
        if (GENERATOR_KINDS.contains(config.kind())) {
            generatorFiles(node, own);
        } else if (PATCH_KINDS.contains(config.kind())) {
            paths(node, "path", null, own);
        } else if (config.kind().equals("PatchStrategicMergeTransformer")) {
            fields(node, "paths").forEach(field -> items(field.getValueNode(), Kind.FILE, own));
        } else if (config.kind().equals("ReplacementTransformer")) {
            fields(node, "replacements").forEach(field ->
                    eachMapping(field.getValueNode(), (item, ignored) -> paths(item, "path", null, own)));
        }
        own.forEach(reference -> found.add(new Reference(reference.path(), Kind.FILE, reference.node(), leaveOut)));
        return found;
    }

    /**
     * Asks kustomize to write each object's source file into it ({@code buildMetadata:
     * [originAnnotations]}), the map from the build back to the user's files.
     */
    static void annotateOrigins(MappingNode kustomization) {
        ScalarNode origins = new ScalarNode(Tag.STR, "originAnnotations", null, null, DumperOptions.ScalarStyle.PLAIN);
        List<NodeTuple> buildMetadata = fields(kustomization, "buildmetadata");
        if (buildMetadata.isEmpty()) {
            ScalarNode key = new ScalarNode(Tag.STR, "buildMetadata", null, null, DumperOptions.ScalarStyle.PLAIN);
            kustomization.getValue().add(new NodeTuple(key,
                    new SequenceNode(Tag.SEQ, new ArrayList<>(List.of(origins)), DumperOptions.FlowStyle.BLOCK)));
        }
        for (NodeTuple field : buildMetadata) {
            if (field.getValueNode() instanceof SequenceNode options) {
                options.getValue().add(origins);
            }
        }
    }

    /** {@code files} ({@code key=path} or {@code path}), {@code envs} and {@code env} of a generator. */
    private static void generatorFiles(MappingNode generator, List<Reference> found) {
        for (NodeTuple files : fields(generator, "files")) {
            if (files.getValueNode() instanceof SequenceNode list) {
                for (Node item : list.getValue()) {
                    if (item instanceof ScalarNode scalar) {
                        String source = scalar.getValue();
                        found.add(new Reference(source.substring(source.indexOf('=') + 1), Kind.FILE, scalar,
                                () -> list.getValue().removeIf(n -> n == item)));
                    }
                }
            }
        }
        fields(generator, "envs").forEach(envs -> items(envs.getValueNode(), Kind.FILE, found));
        paths(generator, "env", null, found);
    }

    /** The scalars of a list; each left out alone. */
    private static void items(Node value, Kind kind, List<Reference> found) {
        if (value instanceof SequenceNode list) {
            for (Node item : list.getValue()) {
                if (item instanceof ScalarNode scalar) {
                    found.add(new Reference(scalar.getValue(), kind, scalar, () -> list.getValue().removeIf(n -> n == item)));
                }
            }
        }
    }

    /** The scalar fields of this name; each left out with its entry when one is given, else alone. */
    private static void paths(MappingNode mapping, String name, Runnable leaveOutEntry, List<Reference> found) {
        for (NodeTuple field : fields(mapping, name)) {
            if (field.getValueNode() instanceof ScalarNode scalar) {
                Runnable leaveOut = leaveOutEntry != null ? leaveOutEntry : () -> mapping.getValue().removeIf(t -> t == field);
                found.add(new Reference(scalar.getValue(), Kind.FILE, scalar, leaveOut));
            }
        }
    }

    private interface ItemVisitor {
        void visit(MappingNode item, Runnable leaveOut);
    }

    private static void eachMapping(Node value, ItemVisitor visitor) {
        if (value instanceof SequenceNode list) {
            for (Node item : list.getValue()) {
                if (item instanceof MappingNode mapping) {
                    visitor.visit(mapping, () -> list.getValue().removeIf(n -> n == item));
                }
            }
        }
    }

    /** Every field of this name (a duplicate key is seen too: whichever kustomize takes, it was checked). */
    private static List<NodeTuple> fields(MappingNode mapping, String name) {
        return mapping.getValue().stream().filter(field -> keyOf(field).equals(name)).toList();
    }

    /**
     * A key folded as Go's case-insensitive field matching folds it: upper then lower case, so that
     * the long s (U+017F) reads as s and the Kelvin sign (U+212A) as k.
     */
    private static String keyOf(NodeTuple field) {
        if (!(field.getKeyNode() instanceof ScalarNode key)) {
            return "";
        }
        StringBuilder folded = new StringBuilder(key.getValue().length());
        key.getValue().codePoints().forEach(c -> folded.appendCodePoint(Character.toLowerCase(Character.toUpperCase(c))));
        return folded.toString();
    }
}
