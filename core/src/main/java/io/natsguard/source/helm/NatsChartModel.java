package io.natsguard.source.helm;

import static io.natsguard.source.helm.ChartTemplates.get;
import static io.natsguard.source.helm.ChartTemplates.mergePatch;
import static io.natsguard.source.helm.ChartTemplates.reread;
import static io.natsguard.source.helm.GoValues.text;
import static io.natsguard.source.helm.GoValues.truthy;

import io.natsguard.base.Position;
import io.natsguard.limit.Limits;
import io.natsguard.source.Yaml;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.Node;

/**
 * A model of how the official NATS Helm chart (nats-io/k8s, chart nats 2.14.2) turns values into the
 * cluster part of nats.conf and of the StatefulSet, without Helm: the chart's defaults, names,
 * {@code $tplYaml}, its merge and JSON patch at every level that can touch the cluster, and the
 * {@code nats} container's args. Verified against real {@code helm template} output.
 */
public final class NatsChartModel {

    public static final String CHART_VERSION = ChartDefaults.CHART_VERSION;

    // Of each document, what the model holds; patch operations elsewhere are skipped.
    private static final List<List<String>> CONFIG_PART = List.of(List.of("cluster"));
    private static final List<List<String>> STATEFUL_SET_PART =
            List.of(List.of("metadata", "name"), List.of("spec", "replicas"), List.of("spec", "serviceName"));
    private static final List<List<String>> CONFIG_MAP_PART = List.of(List.of("metadata", "name"));
    private static final List<List<String>> CONTAINER_PART = List.of(List.of("args"));

    private NatsChartModel() {
    }

    /**
     * Renders the chart.
     *
     * @param values           the user's values (all values files merged), or null for none
     * @param file             the file name that positions name
     * @param releaseName      the Helm release name
     * @param releaseNamespace the Helm release namespace
     * @throws ChartRenderException when helm template would fail, or the values use what is not modeled
     */
    public static ChartRender render(Node values, String file, String releaseName, String releaseNamespace) {
        return render(values, node -> ValuesReader.position(file, node), releaseName, releaseNamespace,
                Limits.DEFAULT.maxReplicas());
    }

    /**
     * Renders the chart from values merged out of several places (a HelmRelease and the ConfigMaps
     * of its valuesFrom, an Application and its value files): {@code positions} says where each values
     * node is written. The chart writes one route per replica; past {@code maxReplicas} the render
     * lists none (the model counts the replicas instead).
     */
    public static ChartRender render(Node values, java.util.function.Function<Node, Position> positions,
            String releaseName, String releaseNamespace, int maxReplicas) {
        Traced user = values == null ? new Traced(new LinkedHashMap<>(), new Provenance(null, "no values"))
                : ValuesReader.user(values, positions);
        if (!user.isMap()) {
            throw ChartRenderException.helmFails("the values are not a map", user.from());
        }
        Traced named = ChartNames.withDefaultNames(ValueMerge.coalesce(user, ChartDefaults.values()), releaseName);
        Traced v = TplYaml.expand(named, context(named, releaseName, releaseNamespace));
        Fact<String> namespace = ChartNames.namespace(v, releaseNamespace);
        Traced enabled = get(v, "config.cluster.enabled");
        Traced statefulSet = statefulSet(v, enabled);
        Traced configMap = mergePatch(object("metadata", object("name", reread(get(v, "configMap.name")))),
                v, "configMap", CONFIG_MAP_PART);
        return new ChartRender(replicas(statefulSet), new Fact<>(truthy(enabled), enabled.from()),
                clusterBlock(v, enabled, namespace.value(), maxReplicas), namespace, name(statefulSet, "metadata", "name"),
                name(statefulSet, "spec", "serviceName"), name(configMap, "metadata", "name"), natsArgs(v));
    }

    /**
     * In an umbrella chart's values, the values of its NATS subchart: the subtree under the
     * dependency's name or alias (usually {@code nats}). Positions in it still name the umbrella's file.
     */
    public static Optional<Node> subchartValues(Node umbrellaValues, String nameOrAlias) {
        return Yaml.at(umbrellaValues, nameOrAlias);
    }

    /** files/config/config.yaml writes the cluster block only when enabled; config.merge and config.patch may add or change it. */
    private static ClusterBlock clusterBlock(Traced v, Traced enabled, String namespace, int maxReplicas) {
        Map<String, Traced> config = new LinkedHashMap<>();
        if (truthy(enabled)) {
            config.put("cluster", ClusterTemplate.render(v, namespace, maxReplicas));
        }
        Traced doc = mergePatch(new Traced(config, get(v, "config").from()), v, "config", CONFIG_PART);
        Traced block = doc.at("cluster");
        return block != null && block.isMap() ? ClusterBlock.of(block) : null;
    }

    /** files/stateful-set/stateful-set.yaml: replicas only count when the cluster is enabled, else 1. */
    private static Traced statefulSet(Traced v, Traced enabled) {
        Traced replicas = truthy(enabled) ? reread(get(v, "config.cluster.replicas")) : new Traced(1L, enabled.from());
        Traced spec = object("replicas", replicas);
        spec.map().put("serviceName", reread(get(v, "headlessService.name")));
        Traced doc = object("metadata", object("name", reread(get(v, "statefulSet.name"))));
        doc.map().put("spec", spec);
        return mergePatch(doc, v, "statefulSet", STATEFUL_SET_PART);
    }

    private static Fact<Integer> replicas(Traced statefulSet) {
        Traced replicas = statefulSet.at("spec", "replicas");
        if (replicas == null) {
            return new Fact<>(null, statefulSet.from());
        }
        boolean integer = replicas.value() instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())
                && Math.abs(n.doubleValue()) <= Integer.MAX_VALUE;
        return new Fact<>(integer ? ((Number) replicas.value()).intValue() : null, replicas.from());
    }

    /** files/stateful-set/nats-container.yaml, with container.merge and container.patch. */
    private static List<Fact<String>> natsArgs(Traced v) {
        Provenance chart = Provenance.chartDefault("nats container args: --config /etc/nats-config/nats.conf");
        Traced args = new Traced(List.of(new Traced("--config", chart), new Traced("/etc/nats-config/nats.conf", chart)), chart);
        Traced container = mergePatch(object("args", args), v, "container", CONTAINER_PART);
        Traced result = container.at("args");
        return result == null || !result.isList() ? List.of()
                : result.list().stream().map(arg -> new Fact<>(text(arg), arg.from())).toList();
    }

    private static Fact<String> name(Traced doc, String... path) {
        Traced value = doc.at(path);
        return value == null ? null : new Fact<>(value.value() == null ? null : text(value), value.from());
    }

    /** The template root: .Values, .Release, .Chart. */
    private static Traced context(Traced values, String releaseName, String releaseNamespace) {
        Provenance helm = new Provenance(null, "the release");
        Traced release = object("Name", new Traced(releaseName, helm));
        release.map().put("Namespace", new Traced(releaseNamespace, helm));
        release.map().put("Service", new Traced("Helm", helm));
        Traced chart = object("Name", new Traced(ChartDefaults.CHART_NAME, helm));
        chart.map().put("Version", new Traced(CHART_VERSION, helm));
        chart.map().put("AppVersion", new Traced(CHART_VERSION, helm));
        Traced root = object("Values", values);
        root.map().put("Release", release);
        root.map().put("Chart", chart);
        return root;
    }

    /** A one-key map with its value's provenance (more keys may be put in). */
    private static Traced object(String key, Traced value) {
        Map<String, Traced> map = new LinkedHashMap<>();
        map.put(key, value);
        return new Traced(map, value.from());
    }
}
