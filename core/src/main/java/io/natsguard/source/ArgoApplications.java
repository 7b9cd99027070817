package io.natsguard.source;

import io.natsguard.limit.Limits;
import io.natsguard.limit.ReadScope;
import io.natsguard.source.HelmValues.Layer;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * The chart values of an Argo CD {@code Application} whose source (or one of its {@code sources}) is
 * chart nats, at the {@code targetRevision} that source names: {@code valueFiles}, then {@code values}
 * as a string, then {@code valuesObject}, then {@code parameters}.
 */
final class ArgoApplications {

    private ArgoApplications() {
    }

    static Optional<HelmValues> read(KubeObject app, ReadScope scope, Limits limits) {
        List<Node> sources = new ArrayList<>(Yaml.list(app.node(), "spec", "sources"));
        Yaml.at(app.node(), "spec", "source").ifPresent(sources::add);
        Node chartSource = sources.stream().filter(s -> Yaml.string(s, "chart").map(HelmValues.CHART::equals).orElse(false))
                .findFirst().orElse(null);
        if (chartSource == null) {
            return Optional.empty();
        }
        String namespace = Yaml.string(app.node(), "spec", "destination", "namespace").orElse(app.namespace());
        String name = Yaml.string(chartSource, "helm", "releaseName").orElse(app.name());
        List<Layer> layers = new ArrayList<>();
        List<InputProblem> missing = new ArrayList<>();
        for (Node file : Yaml.list(chartSource, "helm", "valueFiles")) {
            if (file instanceof ScalarNode scalar) {
                try {
                    layers.add(valueFile(app, scalar.getValue(), scope, limits));
                } catch (IOException notRead) {
                    missing.add(InputProblem.unchecked(app.positionOf(file), "valueFiles " + scalar.getValue() + ": "
                            + notRead.getMessage() + ", so the chart values it holds were not checked"));
                }
            }
        }
        Yaml.at(chartSource, "helm", "values").filter(ScalarNode.class::isInstance).ifPresent(values -> HelmValues.addValues(
                ((ScalarNode) values).getValue(), DataEntry.originOf(app, (ScalarNode) values, app.positionOf(values)),
                "helm.values", app.positionOf(values), layers, missing));
        Yaml.at(chartSource, "helm", "valuesObject").filter(MappingNode.class::isInstance)
                .ifPresent(values -> layers.add(new Layer(values, new Origin.SameFile(app.file()), "helm.valuesObject")));
        List<Node> parameters = Yaml.list(chartSource, "helm", "parameters");
        if (!parameters.isEmpty()) {
            layers.add(new Layer(parametersTree(parameters), new Origin.SameFile(app.file()), "helm.parameters"));
        }
        HelmValues.Version version = new HelmValues.Version(Yaml.string(chartSource, "targetRevision").orElse(null),
                app.positionOf(Yaml.at(chartSource, "targetRevision").orElse(chartSource)), null);
        return Optional.of(new HelmValues(app, name, namespace, layers, missing, version));
    }

    /**
     * {@code $values/path} resolves against the repository of the source with {@code ref: values}:
     * here, the nearest folder up from the Application that has the path, inside the scope. An
     * IOException says why it was not read.
     */
    private static Layer valueFile(KubeObject app, String reference, ReadScope scope, Limits limits) throws IOException {
        String relative = reference.replaceFirst("^\\$[A-Za-z0-9_-]+/", "");
        return HelmValues.valuesIn(HelmValues.nearest(app, relative, scope, Files::isRegularFile), limits);
    }

    /** {@code [{name: config.cluster.replicas, value: "5"}]} as the values tree it sets; values keep their places. */
    private static Node parametersTree(List<Node> parameters) {
        MappingNode root = HelmValues.mapping(parameters.get(0));
        for (Node parameter : parameters) {
            Optional<String> path = Yaml.string(parameter, "name");
            Optional<Node> value = Yaml.at(parameter, "value");
            if (path.isPresent() && value.isPresent()) {
                HelmValues.put(root, path.get(), value.get(), parameter);
            }
        }
        return root;
    }
}
