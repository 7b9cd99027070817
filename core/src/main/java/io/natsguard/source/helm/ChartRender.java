package io.natsguard.source.helm;

import java.util.List;

/**
 * What chart nats 2.14.2 renders from a set of values, as far as the NATS cluster goes.
 *
 * @param replicas            spec.replicas of the StatefulSet (value null when it is not an integer)
 * @param clusterEnabled      config.cluster.enabled as the chart reads it (Go template truth)
 * @param cluster             the cluster block of nats.conf, or null when nats.conf has none
 * @param namespace           the namespace of the objects and of FQDN routes (namespaceOverride or the release's)
 * @param statefulSetName     the StatefulSet's name
 * @param headlessServiceName the StatefulSet's serviceName (the headless Service its pods resolve through)
 * @param configMapName       the name of the ConfigMap holding nats.conf
 * @param natsArgs            the args of the {@code nats} container
 */
public record ChartRender(Fact<Integer> replicas, Fact<Boolean> clusterEnabled, ClusterBlock cluster,
        Fact<String> namespace, Fact<String> statefulSetName, Fact<String> headlessServiceName,
        Fact<String> configMapName, List<Fact<String>> natsArgs) {
}
