package io.natsguard.source;

import io.natsguard.base.Position;
import io.natsguard.limit.Limits;
import io.natsguard.limit.ReadScope;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A Kustomize directory, linted as what it deploys: a private copy of its local graph (remote
 * resources and files outside the read scope left out, see {@link KustomizeCopy}) built with the
 * real {@code kubectl kustomize} cut off from the network ({@link OfflineKubectl}), with origin
 * annotations, and every position in the build mapped back to the line of the base, overlay, patch
 * or generator file that holds the same text.
 */
public final class Kustomize {

    private static final String ORIGIN = "config.kubernetes.io/origin";
    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    /** kubectl is not installed: the run cannot go on (exit 2). */
    public static final class KubectlMissing extends Exception {
        public KubectlMissing(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * The build: its objects (positions in the build's text), and the map back to the source files.
     *
     * @param kustomization the start of the kustomization built, where what concerns the whole build is reported
     * @param sources       the source file of each object, by kind/namespace/name
     * @param inputs        the text of every file the build read, by name
     * @param problems      what was left out of the build, or stopped it, each at its place
     */
    public record Build(String name, Position kustomization, ManifestReader.Result manifests, String text,
            Map<String, String> sources, Map<String, String> inputs, List<InputProblem> problems) {

        /** What a lint run reads of the build: its objects, and each problem at its place. */
        public List<ManifestReader.Result> results() {
            List<ManifestReader.Result> results = new ArrayList<>(List.of(manifests));
            problems.forEach(problem -> results.add(new ManifestReader.Result(List.of(), problem)));
            return results;
        }
    }

    private Kustomize() {
    }

    public static boolean isKustomization(Path dir) {
        return KustomizeCopy.kustomizationFile(dir).isPresent();
    }

    /**
     * Builds what natsguard may read of the kustomization in {@code dir}, within the scope and the
     * bounds; never writes into the user's tree, never fetches.
     */
    public static Build build(Path dir, ReadScope scope, Limits limits) throws KubectlMissing, IOException,
            InterruptedException {
        Path work = Files.createTempDirectory("natsguard-kustomize");
        try {
            KustomizeCopy copy = new KustomizeCopy(dir, work, scope, limits);
            try {
                copy.make();
            } catch (KustomizeCopy.Unbuildable e) {
                return failed(dir, copy, e.problem());
            }
            OfflineKubectl.Result result = OfflineKubectl.build(copy.root(), limits, TIMEOUT);
            Position start = copy.start();
            if (result.timedOut()) {
                return failed(dir, copy, InputProblem.unreadable(start,
                        "kubectl kustomize did not finish in " + TIMEOUT.toSeconds() + " s"));
            }
            if (result.output() == null) {
                return failed(dir, copy, InputProblem.limit(start, "the output of kubectl kustomize is " + limits.tooLarge()
                        + ", so it was not read"));
            }
            if (result.exitCode() != 0) {
                String why = result.errors().strip().replace('\n', ' ').replace(work.toString(), "");
                return failed(dir, copy, InputProblem.unreadable(start, "kubectl kustomize failed: " + why));
            }
            String name = dir + " (kustomize build)";
            String text = new String(result.output(), StandardCharsets.UTF_8);
            ManifestReader.Result manifests = ManifestReader.read(name, text);
            Map<String, String> sources = new HashMap<>();
            for (KubeObject object : manifests.objects()) {
                String origin = object.annotations().get(ORIGIN);
                if (origin != null && origin.startsWith("path: ")) {
                    sources.put(object.kind() + "/" + object.namespace() + "/" + object.name(),
                            copy.nameOfOrigin(origin.substring(6).strip()));
                }
            }
            return new Build(name, start, manifests, text, sources, copy.inputs(), copy.problems());
        } finally {
            try (Stream<Path> files = Files.walk(work)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private static Build failed(Path dir, KustomizeCopy copy, InputProblem failure) {
        List<InputProblem> problems = new ArrayList<>(copy.problems());
        problems.add(failure);
        return new Build(dir.toString(), copy.start(), new ManifestReader.Result(List.of(), null), "", Map.of(), copy.inputs(), problems);
    }

    /** A path as the user would name it: relative to the working directory when it is below it. */
    static String display(Path absolute) {
        Path cwd = Path.of("").toAbsolutePath();
        Path relative = cwd.relativize(absolute);
        return relative.toString();
    }

    /**
     * Maps positions in a build back to source files: the object's origin file first, then every
     * file the build read, looking for the line with the same text. Each text is indexed once, so
     * that a build of many findings costs a look-up per finding, not a pass over every file.
     */
    public static final class Mapper {
        private final Build build;
        private final SourceText rendered;
        /** The objects of the build by their first line; they do not overlap. */
        private final NavigableMap<Integer, KubeObject> objectsByLine = new TreeMap<>();
        /** For each source file, the first line of each text, by that text without its indentation. */
        private final Map<String, Map<String, SourceLine>> linesByText = new HashMap<>();

        /** A line of a source file (1-based) and its indentation. */
        private record SourceLine(int number, int indent) {
        }

        public Mapper(Build build) {
            this.build = build;
            this.rendered = new SourceText(build.text());
            for (KubeObject object : build.manifests().objects()) {
                objectsByLine.put(object.node().getStartMark().getLine() + 1, object);
            }
        }

        /** The name the build's positions give as their file. */
        public String buildName() {
            return build.name();
        }

        /** The start of the kustomization built. */
        public Position kustomization() {
            return build.kustomization();
        }

        /** The texts of the source files a mapped position may name. */
        public Map<String, String> texts() {
            return build.inputs();
        }

        /** A position in the build moved to the source file line of the same text; any other position as it is. */
        public Position map(Position position) {
            if (!position.file().equals(build.name())) {
                return position;
            }
            String line = rendered.line(position.line() - 1);
            if (line == null || line.isBlank()) {
                return position;
            }
            String wanted = line.strip();
            int renderedIndent = indent(line);
            List<String> order = new ArrayList<>();
            KubeObject owner = ownerOf(position.line());
            if (owner != null) {
                String origin = build.sources().get(owner.kind() + "/" + owner.namespace() + "/" + owner.name());
                if (origin != null) {
                    order.add(origin);
                }
            }
            order.addAll(build.inputs().keySet());
            for (String file : order) {
                SourceLine found = linesOf(file).get(wanted);
                if (found != null) {
                    return new Position(file, found.number(), Math.max(1, position.column() - renderedIndent + found.indent()));
                }
            }
            return position;
        }

        private KubeObject ownerOf(int line) {
            Map.Entry<Integer, KubeObject> last = objectsByLine.floorEntry(line);
            return last != null && line <= last.getValue().node().getEndMark().getLine() + 1 ? last.getValue() : null;
        }

        private Map<String, SourceLine> linesOf(String file) {
            return linesByText.computeIfAbsent(file, f -> {
                Map<String, SourceLine> lines = new HashMap<>();
                String[] text = build.inputs().getOrDefault(f, "").split("\n", -1);
                for (int i = 0; i < text.length; i++) {
                    if (!text[i].isBlank()) {
                        lines.putIfAbsent(text[i].strip(), new SourceLine(i + 1, indent(text[i])));
                    }
                }
                return lines;
            });
        }

        private static int indent(String line) {
            return line.length() - line.stripLeading().length();
        }
    }
}
