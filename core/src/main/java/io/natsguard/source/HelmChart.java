package io.natsguard.source;

import com.marcnuri.helm.Helm;
import io.natsguard.base.Position;
import io.natsguard.limit.Limits;
import io.natsguard.limit.ReadScope;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A local Helm chart rendered with real Helm (helm-java, which carries Helm's own code as a native
 * library): {@code natsguard lint --helm-chart DIR [--helm-values FILE]} lints what it would deploy.
 * Positions are lines of the rendered output, named "DIR (helm template)": run helm template to see them.
 *
 * <p>Helm loads every file of the chart folder, following links, and a template can print any of
 * them ({@code .Files.Get}): a chart from a pull request could link {@code /proc/self/environ} into
 * its output. So the folder is walked first as Helm walks it, and a link out of the read scope, a
 * pipe or device, or a folder reached twice stops the chart from being rendered. Rendering itself
 * runs in this process and cannot be stopped: a template that loops is not bounded (docs/security.md).
 *
 * @param chart       the chart folder
 * @param values      a values file, or null
 * @param releaseName the release name
 * @param namespace   the release namespace
 */
public record HelmChart(Path chart, Path values, String releaseName, String namespace) {

    private static final String NOT_RENDERED = ", so the chart is not rendered";

    /** The chart cannot be rendered because natsguard's input is wrong (exit 2). */
    public static final class Unusable extends Exception {
        public Unusable(String message) {
            super(message, null, false, false);
        }
    }

    public String name() {
        return chart + " (helm template)";
    }

    /**
     * The rendered objects, or what stopped the chart from being rendered, each at its place: a chart
     * that Helm refuses or whose output is past {@code limits.maxFileBytes()} at Chart.yaml, a file
     * Helm may not load at that file.
     */
    public List<ManifestReader.Result> render(ReadScope scope, Limits limits) throws Unusable {
        Path chartYaml = chart.resolve("Chart.yaml");
        if (!Files.isRegularFile(chartYaml)) {
            throw new Unusable(chart + ": not a Helm chart (no Chart.yaml)");
        }
        if (values != null && !Files.isRegularFile(values)) {
            throw new Unusable(values + ": no such values file");
        }
        List<InputProblem> refused = refusals(scope);
        if (!refused.isEmpty()) {
            return refused.stream().map(problem -> new ManifestReader.Result(List.of(), problem)).toList();
        }
        Position start = new Position(chartYaml.toString(), 1, 1);
        String rendered;
        try {
            var template = new Helm(chart).template().withName(releaseName).withNamespace(namespace);
            rendered = values == null ? template.call() : template.withValuesFile(values).call();
        } catch (LinkageError e) {
            throw new Unusable("real Helm is not available on this machine (helm-java carries it for linux-amd64): " + e);
        } catch (RuntimeException e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip().replace('\n', ' ');
            return List.of(new ManifestReader.Result(List.of(), InputProblem.unreadable(start, "helm template fails: " + why)));
        }
        // Every character is one UTF-8 byte or more: the encoding is counted only when the length alone does not tell.
        if (rendered.length() > limits.maxFileBytes() || rendered.getBytes(StandardCharsets.UTF_8).length > limits.maxFileBytes()) {
            return List.of(new ManifestReader.Result(List.of(), InputProblem.limit(start,
                    "the output of helm template is " + limits.tooLarge() + ", so it was not read")));
        }
        return List.of(ManifestReader.read(name(), rendered));
    }

    /**
     * What Helm must not load, walking the chart folder as Helm's loader does (following links): a
     * link out of the scope, a pipe, device or socket (Helm would wait on it or read it without end),
     * and a folder reached a second time through links (Helm loads it again on each path, which a few
     * links nested make endless). Each real folder is entered once, so the walk itself stays linear.
     */
    private List<InputProblem> refusals(ReadScope scope) throws Unusable {
        List<InputProblem> refused = new ArrayList<>();
        Set<Object> entered = new HashSet<>();
        try {
            Files.walkFileTree(chart, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                    Optional<String> linkOut = linkOut(dir, scope);
                    if (linkOut.isPresent()) {
                        refused.add(refusal(dir, linkOut.get()));
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    if (!entered.add(attrs.fileKey() != null ? attrs.fileKey() : dir.toRealPath())) {
                        refused.add(refusal(dir, "a folder reached a second time through links (Helm loads it once for each path)"));
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    Optional<String> linkOut = linkOut(file, scope);
                    if (linkOut.isPresent()) {
                        refused.add(refusal(file, linkOut.get()));
                    } else if (attrs.isOther()) {
                        refused.add(refusal(file, "a pipe, device or socket (Helm would wait on it or read it without end)"));
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    if (e instanceof FileSystemLoopException) {
                        refused.add(refusal(file, "a link to a folder that holds it (Helm would walk it until the path is too long)"));
                    }
                    return FileVisitResult.CONTINUE; // anything else Helm reports itself when it loads the chart
                }
            });
        } catch (IOException e) {
            throw new Unusable(chart + ": cannot read the chart folder: " + e.getMessage());
        }
        return refused;
    }

    /** Why a link may not be followed, when it leads out of the scope. */
    private static Optional<String> linkOut(Path path, ReadScope scope) {
        return Files.isSymbolicLink(path) ? scope.refusal(path).map(why -> why + " (Helm follows links)") : Optional.empty();
    }

    private static InputProblem refusal(Path path, String why) {
        return InputProblem.limit(new Position(path.toString(), 1, 1), why + NOT_RENDERED);
    }
}
