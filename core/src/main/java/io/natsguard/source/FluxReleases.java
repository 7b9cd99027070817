package io.natsguard.source;

import io.natsguard.base.Position;
import io.natsguard.limit.Limits;
import io.natsguard.limit.ReadScope;
import io.natsguard.source.HelmValues.Layer;
import io.natsguard.source.HelmValues.Version;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * The chart values of a Flux {@code HelmRelease}: {@code valuesFrom} in order, then {@code spec.values}
 * on top. Flux v2 ({@code helm.toolkit.fluxcd.io}) names its chart in {@code spec.chart.spec}: chart
 * nats from a Helm repository at {@code version}, or a chart folder of a GitRepository or Bucket. Flux
 * v1 (helm-operator, {@code helm.fluxcd.io/v1}) names it in {@code spec.chart}: {@code name} and
 * {@code version} in a {@code repository}, or a {@code path} in a {@code git} repository.
 */
final class FluxReleases {

    private FluxReleases() {
    }

    static Optional<HelmValues> v2(KubeObject release, List<KubeObject> objects, Units units, ReadScope scope, Limits limits) {
        Node spec = Yaml.at(release.node(), "spec", "chart", "spec").orElse(null);
        Node chartNode = spec == null ? null : Yaml.at(spec, "chart").orElse(null);
        if (chartNode == null) {
            return Optional.empty();
        }
        String chart = Yaml.string(spec, "chart").orElse("");
        String sourceKind = Yaml.string(spec, "sourceRef", "kind").orElse("HelmRepository");
        Optional<InstalledChart> installed;
        if (sourceKind.equals("GitRepository") || sourceKind.equals("Bucket")) {
            String source = sourceKind + " " + Yaml.string(spec, "sourceRef", "name").orElse("");
            installed = LocalChart.resolve(release, chartNode, chart, source, scope, limits);
        } else if (chart.equals(HelmValues.CHART)) {
            installed = Optional.of(InstalledChart.official(version(release, spec, chartNode)));
        } else {
            installed = Optional.empty();
        }
        if (installed.isEmpty()) {
            return Optional.empty();
        }
        String namespace = Yaml.string(release.node(), "spec", "targetNamespace").orElse(release.namespace());
        String name = Yaml.string(release.node(), "spec", "releaseName")
                .orElse(Yaml.string(release.node(), "spec", "targetNamespace").map(ns -> ns + "-").orElse("") + release.name());
        List<Layer> layers = new ArrayList<>();
        List<InputProblem> missing = new ArrayList<>();
        for (Node ref : Yaml.list(release.node(), "spec", "valuesFrom")) {
            String kind = Yaml.string(ref, "kind").orElse("");
            String key = Yaml.string(ref, "valuesKey").orElse("values.yaml");
            valuesFrom(release, objects, units, ref, kind, Yaml.string(ref, "name").orElse(""), release.namespace(), key,
                    Yaml.string(ref, "targetPath"), layers, missing);
        }
        inline(release, layers);
        return Optional.of(installed.get().values(release, name, namespace, layers, missing));
    }

    static Optional<HelmValues> v1(KubeObject release, List<KubeObject> objects, Units units, ReadScope scope, Limits limits) {
        Node chart = Yaml.at(release.node(), "spec", "chart").orElse(null);
        if (chart == null) {
            return Optional.empty();
        }
        Optional<InstalledChart> installed;
        Optional<String> git = Yaml.string(chart, "git");
        if (git.isPresent()) {
            Node path = Yaml.at(chart, "path").orElse(chart);
            installed = LocalChart.resolve(release, path, Yaml.string(chart, "path").orElse("."), "git " + git.get(), scope, limits);
        } else if (Yaml.string(chart, "name").map(HelmValues.CHART::equals).orElse(false)) {
            installed = Optional.of(InstalledChart.official(version(release, chart, Yaml.at(chart, "name").orElseThrow())));
        } else {
            installed = Optional.empty();
        }
        if (installed.isEmpty()) {
            return Optional.empty();
        }
        String namespace = Yaml.string(release.node(), "spec", "targetNamespace").orElse(release.namespace());
        String name = Yaml.string(release.node(), "spec", "releaseName").orElse(namespace + "-" + release.name());
        List<Layer> layers = new ArrayList<>();
        List<InputProblem> missing = new ArrayList<>();
        for (Node ref : Yaml.list(release.node(), "spec", "valuesFrom")) {
            Optional<Node> configMap = Yaml.at(ref, "configMapKeyRef");
            Optional<Node> secret = Yaml.at(ref, "secretKeyRef");
            Node keyRef = configMap.or(() -> secret).orElse(null);
            if (keyRef != null) {
                valuesFrom(release, objects, units, keyRef, configMap.isPresent() ? "ConfigMap" : "Secret",
                        Yaml.string(keyRef, "name").orElse(""), Yaml.string(keyRef, "namespace").orElse(release.namespace()),
                        Yaml.string(keyRef, "key").orElse("values.yaml"), Optional.empty(), layers, missing);
            } else if (Yaml.at(ref, "externalSourceRef").or(() -> Yaml.at(ref, "chartFileRef")).map(inner -> !optional(inner))
                    .orElse(true)) {
                missing.add(InputProblem.unchecked(release.positionOf(ref), "valuesFrom " + what(ref) + " is not read by "
                        + "natsguard, so the chart values it holds were not checked"));
            }
        }
        inline(release, layers);
        return Optional.of(installed.get().values(release, name, namespace, layers, missing));
    }

    /** The version written beside the chart's name; none is the latest chart. */
    private static Version version(KubeObject release, Node chart, Node named) {
        Optional<Node> version = Yaml.at(chart, "version");
        return new Version(Yaml.string(chart, "version").orElse(null), release.positionOf(version.orElse(named)), null);
    }

    /** One ConfigMap or Secret key of valuesFrom: a layer, at targetPath when given; a problem when it was not scanned. */
    private static void valuesFrom(KubeObject release, List<KubeObject> objects, Units units, Node ref, String kind, String refName,
            String refNamespace, String key, Optional<String> targetPath, List<Layer> layers, List<InputProblem> missing) {
        List<KubeObject> sameNamed = objects.stream()
                .filter(o -> o.kind().equals(kind) && o.name().equals(refName) && o.namespace().equals(refNamespace)).toList();
        Optional<DataEntry> entry = units.reach(sameNamed, KubeObject::file, release.file()).stream()
                .flatMap(reached -> HelmValues.entriesOf(reached.target()).stream()).filter(e -> e.key().equals(key)).findFirst();
        String description = kind + " " + refName + " key " + key;
        if (entry.isPresent() && targetPath.isPresent()) {
            // the key's whole text is one value, set at targetPath
            Node value = new ScalarNode(Tag.STR, entry.get().text().strip(), ref.getStartMark(), ref.getEndMark(),
                    DumperOptions.ScalarStyle.PLAIN);
            MappingNode tree = HelmValues.mapping(ref);
            HelmValues.put(tree, targetPath.get(), value, ref);
            layers.add(new Layer(tree, new Origin.Fixed(entry.get().keyAt()), description));
        } else if (entry.isPresent()) {
            HelmValues.addValues(entry.get().text(), entry.get().origin(), description, entry.get().keyAt(), layers, missing);
        } else if (!optional(ref)) {
            Position at = release.positionOf(ref);
            missing.add(InputProblem.unchecked(at, "valuesFrom " + kind + " " + refNamespace + "/" + refName + " key " + key
                    + " is not among the scanned files, so the chart values it holds were not checked"));
        }
    }

    private static void inline(KubeObject release, List<Layer> layers) {
        Yaml.at(release.node(), "spec", "values").filter(MappingNode.class::isInstance)
                .ifPresent(values -> layers.add(new Layer(values, new Origin.SameFile(release.file()), "spec.values")));
    }

    private static boolean optional(Node ref) {
        return Yaml.string(ref, "optional").map("true"::equals).orElse(false);
    }

    /** A Flux v1 valuesFrom that is no ConfigMap or Secret key: an external URL, or a file inside the chart. */
    private static String what(Node ref) {
        return Yaml.string(ref, "externalSourceRef", "url").map(url -> "externalSourceRef " + url)
                .or(() -> Yaml.string(ref, "chartFileRef", "path").map(path -> "chartFileRef " + path + " (a file inside the chart)"))
                .orElse("entry");
    }
}
