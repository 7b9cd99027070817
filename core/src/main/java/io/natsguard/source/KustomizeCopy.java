package io.natsguard.source;

import io.natsguard.base.Position;
import io.natsguard.limit.Cancellation;
import io.natsguard.limit.Limits;
import io.natsguard.limit.ReadScope;
import io.natsguard.source.KustomizationReferences.Reference;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * A private copy of the local kustomization graph of one folder, which kubectl builds instead of
 * the folder itself. Every kustomization it reaches (its bases and components) and every file they
 * name is copied under a temporary folder at its own absolute path, so that relative references
 * resolve alike. What natsguard may not read is left out of the copied kustomizations, each a
 * problem at its line: remote resources (kustomize would fetch them), absolute paths and paths
 * outside the read scope. kubectl sees only the copy, and cannot reach past it: the files a
 * kustomization loads must lie below it (kubectl's default load restrictor), and every folder
 * reference, the one way out, was checked here.
 */
final class KustomizeCopy {

    /** The names kustomize looks for, in its order (konfig.RecognizedKustomizationFileNames). */
    static final List<String> FILE_NAMES = List.of("kustomization.yaml", "kustomization.yml", "Kustomization");

    /** What kustomize's YAML decoding reads as natsguard does; a merge key or !!binary could hide a path from it. */
    private static final Set<Tag> PLAIN_TAGS = Set.of(Tag.STR, Tag.INT, Tag.FLOAT, Tag.BOOL, Tag.NULL, Tag.TIMESTAMP,
            Tag.SEQ, Tag.MAP);
    private static final String LEFT_OUT = " left out of the build";

    /** A kustomization that cannot be built at all (YAML that does not parse, past a bound), at its place. */
    static final class Unbuildable extends Exception {
        private final transient InputProblem problem;

        Unbuildable(InputProblem problem) {
            super(problem.message(), null, false, false);
            this.problem = problem;
        }

        InputProblem problem() {
            return problem;
        }
    }

    private final Path given;
    private final Path folder;
    private final Path into;
    private final ReadScope scope;
    private final Limits limits;
    private final Map<String, String> inputs = new LinkedHashMap<>();
    private final List<InputProblem> problems = new ArrayList<>();
    private final Set<Path> queued = new HashSet<>();
    private final Deque<Path> folders = new ArrayDeque<>();

    /**
     * @param folder the scanned kustomization folder, as the user named it
     * @param into   an empty folder to copy into
     */
    KustomizeCopy(Path folder, Path into, ReadScope scope, Limits limits) {
        this.given = folder;
        this.folder = folder.toAbsolutePath().normalize();
        this.into = into;
        this.scope = scope;
        this.limits = limits;
    }

    /** Copies the graph, the scanned kustomization first, then each base as it is reached. */
    void make() throws Unbuildable, IOException {
        queue(folder);
        while (!folders.isEmpty()) {
            Cancellation.checkpoint();
            copyKustomization(folders.poll());
        }
    }

    /** The copy of the scanned folder, for kubectl to build. */
    Path root() {
        return copyOf(folder);
    }

    /** The text of every file copied, by name, in the order read: what findings may point at. */
    Map<String, String> inputs() {
        return Collections.unmodifiableMap(inputs);
    }

    /** What was left out, or stopped the copy, each at its place. */
    List<InputProblem> problems() {
        return Collections.unmodifiableList(problems);
    }

    /** A file of the graph named below the scanned folder as the user named that folder (relative stays relative). */
    String name(Path file) {
        return given.resolve(folder.relativize(file)).normalize().toString();
    }

    /** The start of the scanned kustomization, where what concerns the whole build is reported. */
    Position start() {
        return new Position(name(kustomizationFile(folder).orElse(folder)), 1, 1);
    }

    /** The name of a file kustomize's origin annotations give relative to the scanned folder. */
    String nameOfOrigin(String relative) {
        return name(folder.resolve(relative).normalize());
    }

    static Optional<Path> kustomizationFile(Path dir) {
        return FILE_NAMES.stream().map(dir::resolve).filter(Files::isRegularFile).findFirst();
    }

    private void copyKustomization(Path dir) throws Unbuildable, IOException {
        Files.createDirectories(copyOf(dir));
        Optional<Path> found = kustomizationFile(dir);
        if (found.isEmpty()) {
            return; // kustomize says which folder has no kustomization
        }
        Path file = found.get();
        Position start = new Position(name(file), 1, 1);
        Optional<String> refusal = scope.refusal(file);
        if (refusal.isPresent()) {
            throw new Unbuildable(InputProblem.limit(start, "the kustomization is not read: " + refusal.get()));
        }
        byte[] bytes = bounded(file);
        if (bytes == null) {
            throw new Unbuildable(InputProblem.limit(start, "the kustomization " + tooLarge()));
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        inputs.put(start.file(), text);
        Node tree = parse(start, text);
        if (!(tree instanceof MappingNode kustomization)) {
            Files.write(copyOf(file), bytes); // no fields, so no references: kustomize says what is wrong with it
            return;
        }
        for (Reference reference : KustomizationReferences.of(kustomization)) {
            follow(dir, start.file(), reference);
        }
        if (dir.equals(folder)) {
            KustomizationReferences.annotateOrigins(kustomization);
        }
        Files.writeString(copyOf(file), serialized(kustomization), StandardCharsets.UTF_8);
    }

    private static Node parse(Position start, String text) throws Unbuildable {
        Node tree;
        try {
            tree = ManifestReader.compose(text);
        } catch (YAMLException e) {
            throw new Unbuildable(ManifestReader.problem(start.file(), e));
        }
        Optional<Node> unplain = unplain(tree);
        if (unplain.isPresent()) {
            throw new Unbuildable(InputProblem.limit(Yaml.position(start.file(), unplain.get()), unplainMessage(unplain.get())));
        }
        return tree;
    }

    private void follow(Path dir, String listing, Reference reference) throws IOException {
        Position where = Yaml.position(listing, reference.node());
        if (reference.kind() == KustomizationReferences.Kind.PLUGIN
                && !configs(listing, reference.path(), dir, where, reference.leaveOut())) {
            return; // an inline config that reads what it may not
        }
        Optional<Path> admitted = admitted(dir, reference, where);
        if (admitted.isEmpty()) {
            return;
        }
        Path target = admitted.get();
        switch (reference.kind()) {
            case FILE -> copy(target, where, reference.leaveOut());
            case FOLDER -> queueFolder(target, where, reference.leaveOut());
            case FILE_OR_FOLDER -> {
                if (Files.isDirectory(target)) {
                    queueFolder(target, where, reference.leaveOut());
                } else {
                    copy(target, where, reference.leaveOut());
                }
            }
            case PLUGIN -> {
                if (Files.isDirectory(target)) {
                    refuse(where, reference.leaveOut(), KustomizeRemote.shown(reference.path())
                            + LEFT_OUT + ": a folder of generator or transformer configs, which natsguard does not build");
                } else {
                    Optional<String> text = copy(target, where, reference.leaveOut());
                    if (text.isPresent()) {
                        configs(name(target), text.get(), dir, null, reference.leaveOut());
                    }
                }
            }
        }
    }

    /**
     * The configs of built-in generators and transformers in a text (a config file, or an inline
     * entry, reported at {@code fixedAt}), and the files they read from {@code dir}. Anything they
     * may not read leaves out the entry that names them: false then. A text natsguard cannot read
     * as YAML is left out too, lest kustomize read a config in it that natsguard did not see.
     */
    private boolean configs(String name, String text, Path dir, Position fixedAt, Runnable leaveOut) throws IOException {
        ManifestReader.Result read = ManifestReader.read(name, text);
        if (read.problem() != null) {
            InputProblem problem = read.problem();
            problems.add(fixedAt == null ? problem : new InputProblem(fixedAt, problem.message(), problem.kind()));
            leaveOut.run();
            return false;
        }
        int before = problems.size();
        for (KubeObject config : read.objects()) {
            Optional<Node> unplain = unplain(config.node());
            if (unplain.isPresent()) {
                refuse(fixedAt != null ? fixedAt : config.positionOf(unplain.get()), leaveOut, unplainMessage(unplain.get()));
                return false;
            }
            for (Reference reference : KustomizationReferences.ofPluginConfig(config, leaveOut)) {
                Position where = fixedAt != null ? fixedAt : config.positionOf(reference.node());
                Optional<Path> file = admitted(dir, reference, where);
                if (file.isPresent()) {
                    copy(file.get(), where, leaveOut);
                }
            }
        }
        return problems.size() == before;
    }

    /** The file or folder a reference names, when natsguard may read it; else it is left out, a problem at its line. */
    private Optional<Path> admitted(Path dir, Reference reference, Position where) {
        String shown = KustomizeRemote.shown(reference.path());
        if (KustomizeRemote.isRemote(reference.path())) {
            refuse(where, reference.leaveOut(), "remote resource " + shown
                    + LEFT_OUT + " (natsguard fetches nothing over the network)");
            return Optional.empty();
        }
        Path relative;
        try {
            relative = Path.of(reference.path());
        } catch (InvalidPathException e) {
            refuse(where, reference.leaveOut(), shown + LEFT_OUT + ": not a file path");
            return Optional.empty();
        }
        Path target = dir.resolve(relative).normalize();
        Optional<String> refusal;
        if (relative.isAbsolute()) {
            refusal = Optional.of("an absolute path");
        } else if (!copyOf(dir).resolve(relative).normalize().equals(copyOf(target))) {
            refusal = Optional.of("it climbs above the file system's root"); // the copy would resolve it elsewhere
        } else {
            refusal = scope.refusal(target);
        }
        if (refusal.isPresent()) {
            refuse(where, reference.leaveOut(), shown + LEFT_OUT + ", not read: " + refusal.get());
            return Optional.empty();
        }
        return Optional.of(target);
    }

    private void queueFolder(Path dir, Position where, Runnable leaveOut) {
        if (!Files.isDirectory(dir)) {
            return; // kustomize says what is wrong with it
        }
        Optional<String> refusal = kustomizationFile(dir).flatMap(scope::refusal);
        if (refusal.isPresent()) {
            refuse(where, leaveOut, "the kustomization of " + name(dir) + LEFT_OUT + ", not read: " + refusal.get());
            return;
        }
        queue(dir);
    }

    private void queue(Path dir) {
        if (queued.add(dir)) {
            folders.add(dir);
        }
    }

    /** Copies a regular file once; a missing one is left for kustomize to report. Its text, when copied. */
    private Optional<String> copy(Path file, Position where, Runnable leaveOut) throws IOException {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        String name = name(file);
        if (inputs.containsKey(name)) {
            return Optional.of(inputs.get(name));
        }
        byte[] bytes = bounded(file);
        if (bytes == null) {
            refuse(where, leaveOut, name + LEFT_OUT + ": it " + tooLarge());
            return Optional.empty();
        }
        Path copy = copyOf(file);
        Files.createDirectories(copy.getParent());
        Files.write(copy, bytes);
        String text = new String(bytes, StandardCharsets.UTF_8);
        inputs.put(name, text);
        return Optional.of(text);
    }

    private void refuse(Position where, Runnable leaveOut, String message) {
        problems.add(InputProblem.limit(where, message));
        leaveOut.run();
    }

    private Path copyOf(Path absolute) {
        return into.resolve(absolute.getRoot().relativize(absolute));
    }

    /** The bytes, or null past the bound. */
    private byte[] bounded(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return limits.readAtMost(in);
        }
    }

    private String tooLarge() {
        return "is " + limits.tooLarge() + ", so it was not read";
    }

    /** The first node whose meaning Go's YAML decoding could make differ from natsguard's view, if any. */
    private static Optional<Node> unplain(Node tree) {
        Set<Node> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Node> pending = new ArrayDeque<>();
        if (tree != null) {
            pending.push(tree);
        }
        while (!pending.isEmpty()) {
            Node node = pending.pop();
            if (!seen.add(node)) {
                continue;
            }
            if (!PLAIN_TAGS.contains(node.getTag())) {
                return Optional.of(node);
            }
            if (node instanceof MappingNode mapping) {
                for (NodeTuple tuple : mapping.getValue()) {
                    pending.push(tuple.getValueNode());
                    pending.push(tuple.getKeyNode());
                }
            } else if (node instanceof SequenceNode sequence) {
                sequence.getValue().forEach(pending::push);
            }
        }
        return Optional.empty();
    }

    private static String unplainMessage(Node node) {
        String what = node.getTag().equals(Tag.MERGE) ? "a YAML merge key (<<)" : "the YAML tag " + node.getTag();
        return what + ": natsguard builds a kustomization only from plain YAML, in which it sees every path kustomize reads";
    }

    private static String serialized(MappingNode kustomization) {
        DumperOptions options = new DumperOptions();
        options.setSplitLines(false);
        StringWriter out = new StringWriter();
        new org.yaml.snakeyaml.Yaml(options).serialize(kustomization, out);
        return out.toString();
    }
}
