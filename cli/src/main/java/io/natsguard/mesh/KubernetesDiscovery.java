package io.natsguard.mesh;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The servers of a mesh found through the Kubernetes API (read-only: get a StatefulSet, list
 * pods): the pods a label selector or a StatefulSet names, each asked at its pod IP and the port of
 * its container port named {@code monitor} (the official chart's name), else 8222.
 */
public final class KubernetesDiscovery {

    static final int DEFAULT_MONITOR_PORT = 8222;

    /**
     * @param monitors one URL per pod that has an IP, by pod name
     * @param expected how many servers the mesh should have: the StatefulSet's replicas, else the pods found
     * @param notAsked pods that cannot be asked (no IP yet), with why
     */
    public record Found(List<URI> monitors, int expected, List<String> notAsked) {
    }

    /** The API did not answer, or answered no. */
    public static final class Unavailable extends Exception {

        Unavailable(String message) {
            super(message);
        }
    }

    private KubernetesDiscovery() {
    }

    /** Pods by label selector ({@code app=nats,release=x}) or by StatefulSet name (its selector and replicas). */
    public static Found find(KubernetesClient client, String namespace, String selector, String statefulSet) throws Unavailable {
        try {
            Map<String, String> labels;
            Integer replicas = null;
            if (statefulSet != null) {
                StatefulSet found = client.apps().statefulSets().inNamespace(namespace).withName(statefulSet).get();
                if (found == null) {
                    throw new Unavailable("no StatefulSet " + namespace + "/" + statefulSet);
                }
                labels = found.getSpec().getSelector().getMatchLabels();
                replicas = found.getSpec().getReplicas();
            } else {
                labels = labels(selector);
            }
            List<Pod> pods = new ArrayList<>(client.pods().inNamespace(namespace).withLabels(labels).list().getItems());
            pods.sort(Comparator.comparing(p -> p.getMetadata().getName()));
            if (pods.isEmpty()) {
                throw new Unavailable("no pod in " + namespace + " matches " + labels);
            }
            List<URI> monitors = new ArrayList<>();
            List<String> notAsked = new ArrayList<>();
            for (Pod pod : pods) {
                String ip = pod.getStatus() == null ? null : pod.getStatus().getPodIP();
                if (ip == null || ip.isBlank()) {
                    notAsked.add("pod " + pod.getMetadata().getName() + " has no IP yet (phase "
                            + (pod.getStatus() == null ? "unknown" : pod.getStatus().getPhase()) + ")");
                } else {
                    monitors.add(URI.create("http://" + (ip.contains(":") ? "[" + ip + "]" : ip) + ":" + monitorPort(pod) + "/"));
                }
            }
            return new Found(monitors, replicas != null ? replicas : pods.size(), notAsked);
        } catch (KubernetesClientException e) {
            throw new Unavailable("the Kubernetes API " + (e.getCode() > 0 ? "answered HTTP " + e.getCode() : "did not answer")
                    + (e.getStatus() != null && e.getStatus().getMessage() != null ? ": " + e.getStatus().getMessage() : ""));
        }
    }

    /** Equality selectors only, as kubectl's -l takes them: {@code a=b,c=d} (or {@code a==b}). */
    static Map<String, String> labels(String selector) throws Unavailable {
        Map<String, String> labels = new LinkedHashMap<>();
        for (String term : selector.split(",")) {
            String[] pair = term.trim().split("==?", 2);
            if (pair.length != 2 || pair[0].isBlank() || pair[0].endsWith("!")) {
                throw new Unavailable("--selector takes key=value pairs separated by commas, not '" + selector + "'");
            }
            labels.put(pair[0].trim(), pair[1].trim());
        }
        return labels;
    }

    private static int monitorPort(Pod pod) {
        for (Container container : pod.getSpec().getContainers()) {
            for (ContainerPort port : container.getPorts() == null ? List.<ContainerPort>of() : container.getPorts()) {
                if ("monitor".equals(port.getName())) {
                    return port.getContainerPort();
                }
            }
        }
        return DEFAULT_MONITOR_PORT;
    }
}
