package io.natsguard.source;

import io.natsguard.base.Position;
import io.natsguard.limit.Limits;
import io.natsguard.limit.ReadScope;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A Helm chart met in a scan (any folder with a Chart.yaml): its templates, files, CRDs and
 * subcharts are Go templates or parts of them, not manifests and configs, so they are read only
 * through the chart's render with real Helm ({@link HelmChart}, with the chart's own values). A chart
 * that cannot be rendered (a dependency missing from the repository, metadata Helm refuses) is counted
 * in the summary and listed with why under --verbose, never a parse error.
 *
 * @param root the folder that holds Chart.yaml
 */
public record ChartFolder(Path root) {

    /** A chart's folders that only its render reads. */
    private static final Set<String> RENDERED_ONLY = Set.of("templates", "files", "crds", "charts");

    /** Whether a folder holds a chart. */
    public static boolean isChart(Path dir) {
        return Files.isRegularFile(dir.resolve("Chart.yaml"));
    }

    /** Whether a folder is one of a chart's own that only its render reads (its templates/, files/, crds/ or charts/). */
    public static boolean renderedOnly(Path dir) {
        Path name = dir.getFileName();
        Path parent = dir.getParent();
        return name != null && parent != null && RENDERED_ONLY.contains(name.toString()) && isChart(parent);
    }

    /** The chart whose render reads this file (the outermost, for a subchart's file), if any. */
    public static Optional<ChartFolder> holding(Path file) {
        ChartFolder found = null;
        for (Path dir = file.toAbsolutePath().normalize().getParent(); dir != null; dir = dir.getParent()) {
            if (renderedOnly(dir)) {
                found = new ChartFolder(relativeLike(file, dir.getParent()));
            }
        }
        return Optional.ofNullable(found);
    }

    /** Whether Helm would render anything of its own: a chart without templates or subcharts holds only values. */
    public boolean rendersAnything() {
        return Files.isDirectory(root.resolve("templates")) || Files.isDirectory(root.resolve("charts"));
    }

    /** The release as helm template names it: the chart as the scan named it, with "(helm template)". */
    public HelmChart helm() {
        Path name = root.toAbsolutePath().normalize().getFileName();
        return new HelmChart(root, null, name == null ? "release" : name.toString(), "default");
    }

    /**
     * What the chart renders to, or why it was not rendered (counted in the summary, listed under
     * --verbose: no finding, since nothing in the chart's files is known to be wrong); a refusal to load
     * a file (a link out of the scope) stays a limit-exceeded finding at that file.
     */
    public List<ManifestReader.Result> render(ReadScope scope, Limits limits) {
        List<ManifestReader.Result> rendered;
        try {
            rendered = helm().render(scope, limits);
        } catch (HelmChart.Unusable e) {
            return List.of(notRendered(e.getMessage()));
        }
        return rendered.stream().map(result -> result.problem() != null && result.problem().kind() == InputProblem.Kind.UNREADABLE
                ? notRendered(result.problem().message()) : result).toList();
    }

    private ManifestReader.Result notRendered(String why) {
        return new ManifestReader.Result(List.of(), InputProblem.notRendered(new Position(root.toString(), 1, 1), why));
    }

    /** {@code dir}, named the way {@code file} was (relative stays relative), so that findings keep the user's paths. */
    private static Path relativeLike(Path file, Path dir) {
        if (file.isAbsolute()) {
            return dir;
        }
        Path cwd = Path.of("").toAbsolutePath();
        Path relative = cwd.relativize(dir);
        return relative.toString().isEmpty() ? Path.of(".") : relative;
    }
}
