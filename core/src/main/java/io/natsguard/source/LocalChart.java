package io.natsguard.source;

import io.natsguard.limit.Limits;
import io.natsguard.limit.ReadScope;
import io.natsguard.source.HelmValues.Layer;
import io.natsguard.source.HelmValues.Version;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.Node;

/**
 * A chart that a release takes from a folder of its own repository (a Flux GitRepository or Bucket
 * source, a Flux v1 git chart), looked up from the release's file upwards inside the read scope. A
 * copy of chart nats is read at its own version, an umbrella chart that depends on it at the
 * dependency's; any other chart is not NATS's. A folder named like NATS that is not in the scanned
 * tree is installed, but unknown: never passed in silence.
 */
final class LocalChart {

    private LocalChart() {
    }

    /**
     * @param release  the HelmRelease
     * @param pathNode where the path is written
     * @param path     the chart's folder, relative to the repository's root
     * @param source   what holds it, for messages ("GitRepository open-platform")
     */
    static Optional<InstalledChart> resolve(KubeObject release, Node pathNode, String path, String source, ReadScope scope,
            Limits limits) {
        Path folder;
        Layer chart;
        try {
            folder = HelmValues.nearest(release, path, scope, dir -> Files.isRegularFile(dir.resolve("Chart.yaml")));
            chart = HelmValues.valuesIn(folder.resolve("Chart.yaml"), limits);
        } catch (IOException notRead) {
            if (!namesNats(path)) {
                return Optional.empty();
            }
            return Optional.of(InstalledChart.official(new Version(null, release.positionOf(pathNode), "the chart " + path
                    + " of " + source + " was not read (" + notRead.getMessage() + "): natsguard cannot tell which chart "
                    + "and version it is, nor which values it reads")));
        }
        List<Layer> defaults = new ArrayList<>();
        List<InputProblem> problems = new ArrayList<>();
        Path values = folder.resolve("values.yaml");
        if (Files.isRegularFile(values)) {
            try {
                defaults.add(HelmValues.valuesIn(values, limits));
            } catch (IOException unreadable) {
                problems.add(InputProblem.unchecked(chart.position(chart.root()), "the values.yaml of the chart " + path
                        + " was not read (" + unreadable.getMessage() + "), so its defaults were not checked"));
            }
        }
        if (Yaml.string(chart.root(), "name").map(HelmValues.CHART::equals).orElse(false)) {
            Node version = Yaml.at(chart.root(), "version").orElse(chart.root());
            return Optional.of(new InstalledChart(new Version(Yaml.string(chart.root(), "version").orElse(null),
                    chart.position(version), null), null, defaults, problems));
        }
        return HelmValues.dependencyOnNats(chart).map(dependency -> new InstalledChart(dependency.version(),
                dependency.subchart(), defaults, problems));
    }

    /** A folder named nats, or nats-something: what a NATS chart kept in a repository is called. */
    private static boolean namesNats(String path) {
        String trimmed = path.replaceAll("/+$", "");
        String last = trimmed.substring(trimmed.lastIndexOf('/') + 1).toLowerCase(java.util.Locale.ROOT);
        return last.equals("nats") || last.startsWith("nats-");
    }
}
