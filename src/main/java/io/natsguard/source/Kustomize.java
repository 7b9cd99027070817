package io.natsguard.source;

import io.natsguard.conf.Position;
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
     * @param sources  the source file of each object, by kind/namespace/name
     * @param inputs   the text of every file the build read, by name
     * @param problems what was left out of the build, or stopped it, each at its place
     */
    public record Build(String name, ManifestReader.Result manifests, String text, Map<String, String> sources,
            Map<String, String> inputs, List<InputProblem> problems) {

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
            return new Build(name, manifests, text, sources, copy.inputs(), copy.problems());
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
        return new Build(dir.toString(), new ManifestReader.Result(List.of(), null), "", Map.of(), copy.inputs(), problems);
    }

    /** A path as the user would name it: relative to the working directory when it is below it. */
    static String display(Path absolute) {
        Path cwd = Path.of("").toAbsolutePath();
        Path relative = cwd.relativize(absolute);
        return relative.toString();
    }

    /**
     * Maps positions in a build back to source files: the object's origin file first, then every
     * file the build read, looking for the line with the same text.
     */
    public static final class Mapper {
        private final Build build;
        private final Map<String, String[]> lines = new HashMap<>();

        public Mapper(Build build) {
            this.build = build;
        }

        /** The texts of the source files a mapped position may name. */
        public Map<String, String> texts() {
            return build.inputs();
        }

        public Position map(Position rendered) {
            if (!rendered.file().equals(build.name())) {
                return rendered;
            }
            String[] renderedLines = build.text().split("\n", -1);
            if (rendered.line() < 1 || rendered.line() > renderedLines.length) {
                return rendered;
            }
            String line = renderedLines[rendered.line() - 1];
            String wanted = line.strip();
            int renderedIndent = line.length() - line.stripLeading().length();
            List<String> order = new ArrayList<>();
            KubeObject owner = ownerOf(rendered.line());
            if (owner != null) {
                String origin = build.sources().get(owner.kind() + "/" + owner.namespace() + "/" + owner.name());
                if (origin != null) {
                    order.add(origin);
                }
            }
            order.addAll(build.inputs().keySet());
            for (String file : order) {
                String[] source = linesOf(file);
                for (int i = 0; i < source.length; i++) {
                    if (!wanted.isEmpty() && source[i].strip().equals(wanted)) {
                        int indent = source[i].length() - source[i].stripLeading().length();
                        return new Position(file, i + 1, Math.max(1, rendered.column() - renderedIndent + indent));
                    }
                }
            }
            return rendered;
        }

        /** A message's mentions of places in the build ("BUILD:70:3"), moved like positions. */
        public String mapText(String message) {
            String prefix = build.name() + ":";
            if (!message.contains(prefix)) {
                return message;
            }
            java.util.regex.Matcher m = java.util.regex.Pattern.compile(java.util.regex.Pattern.quote(prefix) + "(\\d+):(\\d+)")
                    .matcher(message);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                Position mapped = map(new Position(build.name(), Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))));
                m.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(mapped.toString()));
            }
            m.appendTail(out);
            return out.toString();
        }

        private KubeObject ownerOf(int line) {
            for (KubeObject o : build.manifests().objects()) {
                if (line >= o.node().getStartMark().getLine() + 1 && line <= o.node().getEndMark().getLine() + 1) {
                    return o;
                }
            }
            return null;
        }

        private String[] linesOf(String file) {
            return lines.computeIfAbsent(file, f -> build.inputs().getOrDefault(f, "").split("\n", -1));
        }
    }
}
