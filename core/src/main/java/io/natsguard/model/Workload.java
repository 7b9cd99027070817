package io.natsguard.model;

import io.natsguard.base.Position;
import io.natsguard.source.KubeObject;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A StatefulSet, Deployment, DaemonSet, ReplicaSet, Job, CronJob or Pod whose container runs nats-server, with what its command line
 * says about the cluster; or the StatefulSet the NATS Helm chart makes for a HelmRelease or an
 * Application.
 *
 * @param object       the object written in the files (the StatefulSet, or the HelmRelease/Application)
 * @param kind         the kind of the workload
 * @param name         the workload's name (its pods are {@code <name>-<i>})
 * @param namespace    its namespace
 * @param replicas     the cluster size it asks for (Pods: 1; null when no manifest says, as for a DaemonSet's one per node)
 * @param replicasAt   where the size is written (the object when defaulted)
 * @param serviceName  a StatefulSet's governing Service (pods get stable DNS names under it), or null
 * @param container    the container's name
 * @param image        the container's image as written (for a chart's, the image its values or its version give), or ""
 * @param configPath   the path given with -c/--config, or null
 * @param argRoutes    the URLs of --routes
 * @param clusterUrl   the URL of --cluster / --cluster_listen, or null
 * @param clusterUrlAt where --cluster is written
 * @param clusterName  the value of --cluster_name, or null
 * @param env          the variables the container's env sets literally, expanded as the kubelet expands them
 */
public record Workload(KubeObject object, String kind, String name, String namespace, Integer replicas, Position replicasAt, String serviceName, String container, String image,
        String configPath, List<Route> argRoutes, String clusterUrl, Position clusterUrlAt, String clusterName,
        Map<String, String> env) {

    /** "StatefulSet nats/nats", or "StatefulSet nats/nats of HelmRelease nats/nats" for a chart's. */
    public String label() {
        String own = kind + " " + namespace + "/" + name;
        return object.kind().equals(kind) ? own : own + " of " + object.label();
    }

    /** Pods of a StatefulSet have stable names, {@code <name>-<ordinal>.<serviceName>}; others have none. */
    public boolean hasStablePodNames() {
        return kind().equals("StatefulSet") && serviceName != null && !serviceName.isBlank();
    }

    /** The same workload with its size unknown to the rules: what a size past natsguard's bound becomes. */
    Workload withoutReplicas() {
        return new Workload(object, kind, name, namespace, null, replicasAt, serviceName, container, image, configPath, argRoutes,
                clusterUrl, clusterUrlAt, clusterName, env);
    }

    /** The nats-server release the image's tag names; empty for no tag, {@code latest}, another word, or a digest. */
    public Optional<NatsVersion> natsVersion() {
        return NatsVersion.ofImage(image);
    }

    /** The route host a person would write for pod {@code ordinal}, fully qualified. */
    public String podHost(int ordinal) {
        return name() + "-" + ordinal + "." + serviceName + "." + namespace() + ".svc.cluster.local";
    }
}
