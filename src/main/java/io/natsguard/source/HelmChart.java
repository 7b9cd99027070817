package io.natsguard.source;

import com.marcnuri.helm.Helm;
import io.natsguard.conf.Position;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A local Helm chart rendered with real Helm (helm-java, which carries Helm's own code as a native
 * library): {@code natsguard lint --helm-chart DIR [--helm-values FILE]} lints what it would deploy.
 * Positions are lines of the rendered output, named "DIR (helm template)": run helm template to see them.
 *
 * @param chart       the chart folder
 * @param values      a values file, or null
 * @param releaseName the release name
 * @param namespace   the release namespace
 */
public record HelmChart(Path chart, Path values, String releaseName, String namespace) {

    /** The chart cannot be rendered because natsguard's input is wrong (exit 2). */
    public static final class Unusable extends Exception {
        public Unusable(String message) {
            super(message, null, false, false);
        }
    }

    public String name() {
        return chart + " (helm template)";
    }

    /** The rendered objects; a chart that Helm refuses gives a problem at Chart.yaml, not an exception. */
    public ManifestReader.Result render() throws Unusable {
        if (!Files.isRegularFile(chart.resolve("Chart.yaml"))) {
            throw new Unusable(chart + ": not a Helm chart (no Chart.yaml)");
        }
        if (values != null && !Files.isRegularFile(values)) {
            throw new Unusable(values + ": no such values file");
        }
        String rendered;
        try {
            var template = new Helm(chart).template().withName(releaseName).withNamespace(namespace);
            rendered = values == null ? template.call() : template.withValuesFile(values).call();
        } catch (LinkageError e) {
            throw new Unusable("real Helm is not available on this machine (helm-java carries it for linux-amd64): " + e);
        } catch (RuntimeException e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip().replace('\n', ' ');
            return new ManifestReader.Result(List.of(), InputProblem.unreadable(
                    new Position(chart.resolve("Chart.yaml").toString(), 1, 1), "helm template fails: " + why));
        }
        return ManifestReader.read(name(), rendered);
    }
}
