package io.natsguard.source;

import io.natsguard.conf.Position;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A Kustomize directory, linted as what it deploys: built with the real {@code kubectl kustomize},
 * with origin annotations, and every position in the build mapped back to the line of the base,
 * overlay, patch or generator file that holds the same text.
 */
public final class Kustomize {

    private static final List<String> FILE_NAMES = List.of("kustomization.yaml", "kustomization.yml", "Kustomization");
    private static final String ORIGIN = "config.kubernetes.io/origin";
    private static final long TIMEOUT_SECONDS = 120;

    /** kubectl is not installed: the run cannot go on (exit 2). */
    public static final class KubectlMissing extends Exception {
        public KubectlMissing(String message) {
            super(message, null, false, false);
        }
    }

    /** The build: its objects (positions in the build's text), and the map back to the source files. */
    public record Build(String name, ManifestReader.Result manifests, String text, Map<String, String> sources,
            InputProblem failure) {
    }

    private Kustomize() {
    }

    public static boolean isKustomization(Path dir) {
        return FILE_NAMES.stream().anyMatch(name -> Files.isRegularFile(dir.resolve(name)));
    }

    /** Runs kubectl kustomize on a wrapper that adds origin annotations; never writes into the user's tree. */
    public static Build build(Path dir) throws KubectlMissing, IOException, InterruptedException {
        Path wrapper = Files.createTempDirectory("natsguard-kustomize");
        try {
            Path relative = wrapper.toAbsolutePath().relativize(dir.toAbsolutePath().normalize());
            Files.writeString(wrapper.resolve("kustomization.yaml"),
                    "resources:\n- " + relative + "\nbuildMetadata: [originAnnotations]\n");
            Path out = wrapper.resolve("out.yaml");
            Path err = wrapper.resolve("err.txt");
            Process process;
            try {
                process = new ProcessBuilder("kubectl", "kustomize", wrapper.toString())
                        .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            } catch (IOException e) {
                throw new KubectlMissing(dir + " is a Kustomize directory; building it needs kubectl on the PATH "
                        + "(install kubectl, e.g. apt-get install kubectl, or from kubernetes.io/docs/tasks/tools)");
            }
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                return failed(dir, "kubectl kustomize did not finish in " + TIMEOUT_SECONDS + " s");
            }
            if (process.exitValue() != 0) {
                String why = Files.readString(err, StandardCharsets.UTF_8).strip().replace('\n', ' ');
                return failed(dir, "kubectl kustomize failed: " + why);
            }
            String name = dir + " (kustomize build)";
            String text = Files.readString(out, StandardCharsets.UTF_8);
            ManifestReader.Result manifests = ManifestReader.read(name, text);
            Map<String, String> sources = new HashMap<>();
            for (KubeObject object : manifests.objects()) {
                String origin = object.annotations().get(ORIGIN);
                if (origin != null && origin.startsWith("path: ")) {
                    Path source = wrapper.resolve(origin.substring(6).strip()).normalize();
                    sources.put(object.kind() + "/" + object.namespace() + "/" + object.name(), display(source));
                }
            }
            return new Build(name, manifests, text, sources, null);
        } finally {
            try (Stream<Path> files = Files.walk(wrapper)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private static Build failed(Path dir, String message) {
        Path file = FILE_NAMES.stream().map(dir::resolve).filter(Files::isRegularFile).findFirst().orElse(dir);
        return new Build(dir.toString(), new ManifestReader.Result(List.of(), null), "", Map.of(),
                InputProblem.unreadable(new Position(file.toString(), 1, 1), message));
    }

    /** A path as the user would name it: relative to the working directory when it is below it. */
    static String display(Path absolute) {
        Path cwd = Path.of("").toAbsolutePath();
        Path relative = cwd.relativize(absolute);
        return relative.toString();
    }

    /**
     * Maps positions in a build back to source files: the object's origin file first, then every
     * YAML and config file of the directory tree, looking for the line with the same text.
     */
    public static final class Mapper {
        private final Build build;
        private final List<Path> candidates;
        private final Map<String, String[]> lines = new HashMap<>();
        private final Map<String, String> texts = new HashMap<>();

        public Mapper(Build build, Path dir) throws IOException {
            this.build = build;
            this.candidates = new ArrayList<>();
            // The overlay's own tree (patches, generator files) and the folders its objects came from (bases).
            java.util.Set<Path> roots = new java.util.LinkedHashSet<>();
            roots.add(dir.toAbsolutePath().normalize());
            build.sources().values().forEach(source -> roots.add(Path.of(source).toAbsolutePath().normalize().getParent()));
            java.util.Set<Path> seen = new java.util.HashSet<>();
            for (Path root : roots) {
                try (Stream<Path> files = Files.walk(root)) {
                    files.filter(Files::isRegularFile).filter(p -> p.toString().matches(".*\\.(ya?ml|conf)$"))
                            .filter(seen::add).forEach(candidates::add);
                }
            }
        }

        /** The texts of the source files a mapped position may name. */
        public Map<String, String> texts() {
            return texts;
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
            candidates.forEach(p -> order.add(display(p)));
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
            return lines.computeIfAbsent(file, f -> {
                try {
                    String text = Files.readString(Path.of(f), StandardCharsets.UTF_8);
                    texts.put(f, text);
                    return text.split("\n", -1);
                } catch (IOException e) {
                    return new String[0];
                }
            });
        }
    }
}
