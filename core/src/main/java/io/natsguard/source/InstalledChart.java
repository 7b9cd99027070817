package io.natsguard.source;

import io.natsguard.source.HelmValues.Layer;
import io.natsguard.source.HelmValues.Version;
import java.util.ArrayList;
import java.util.List;

/**
 * Which chart nats a release installs and how its values reach it: directly (the chart from a Helm
 * repository, or a copy of it in the repository), or as the dependency of an umbrella chart, under
 * the dependency's name or alias.
 *
 * @param version  the version of chart nats
 * @param subchart the name or alias the values reach chart nats under, or null when they reach it directly
 * @param defaults the values.yaml of a chart kept in the repository, lowest precedence first
 * @param problems what of the chart could not be read
 */
record InstalledChart(Version version, String subchart, List<Layer> defaults, List<InputProblem> problems) {

    static InstalledChart official(Version version) {
        return new InstalledChart(version, null, List.of(), List.of());
    }

    /** The release's values for chart nats: the chart's own defaults, then the release's layers. */
    HelmValues values(KubeObject owner, String releaseName, String namespace, List<Layer> layers, List<InputProblem> missing) {
        List<Layer> all = new ArrayList<>(defaults);
        all.addAll(layers);
        List<Layer> reaching = subchart == null ? all : all.stream().flatMap(layer -> layer.under(subchart).stream()).toList();
        List<InputProblem> notRead = new ArrayList<>(problems);
        notRead.addAll(missing);
        return new HelmValues(owner, releaseName, namespace, reaching, notRead, version);
    }
}
