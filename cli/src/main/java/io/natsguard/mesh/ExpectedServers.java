package io.natsguard.mesh;

import io.natsguard.conf.ConfValue;
import io.natsguard.model.Cluster;
import io.natsguard.model.ClusterModelBuilder;
import io.natsguard.model.NatsConfig;
import io.natsguard.model.Workload;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The servers a mesh should have, read from manifests (the same sources as {@code lint}): one
 * monitoring URL per pod of each NATS StatefulSet, {@code http://<pod>.<service>.<namespace>.svc.cluster.local:<port>},
 * the port being the config's {@code http_port}, {@code monitor_port} or {@code http}. The set comes
 * from the intent, never from what the servers report: an island is invisible from inside the mesh.
 */
public final class ExpectedServers {

    /** One cluster's monitoring URLs, pod 0 first. */
    public record Members(String label, List<URI> monitors) {
    }

    /** What was found: clusters that can be checked, and why others cannot. */
    public record Found(List<Members> clusters, List<String> unusable) {
    }

    private ExpectedServers() {
    }

    public static Found of(ClusterModelBuilder.Model model) {
        List<Members> clusters = new ArrayList<>();
        List<String> unusable = new ArrayList<>();
        for (Cluster cluster : model.clusters()) {
            Workload workload = cluster.workload();
            if (workload == null) {
                continue; // a config file or ConfigMap on its own: no pods to ask
            }
            Optional<Integer> port = cluster.config() == null ? Optional.empty() : monitorPort(cluster.config());
            if (!workload.hasStablePodNames() || workload.replicas() == null) {
                unusable.add(workload.label() + ": no stable pod names (a StatefulSet with serviceName and replicas is needed)");
            } else if (port.isEmpty()) {
                unusable.add(workload.label() + ": its config enables no monitoring port (set http_port, e.g. 8222)");
            } else {
                List<URI> monitors = new ArrayList<>();
                for (int i = 0; i < workload.replicas(); i++) {
                    monitors.add(URI.create("http://" + workload.podHost(i) + ":" + port.get() + "/"));
                }
                clusters.add(new Members(workload.label(), monitors));
            }
        }
        return new Found(clusters, unusable);
    }

    /** http_port / monitor_port (a number), or http (a port, or host:port). */
    static Optional<Integer> monitorPort(NatsConfig config) {
        for (String key : new String[] {"http_port", "monitor_port", "http"}) {
            ConfValue value = config.at(key);
            if (value == null) {
                continue;
            }
            String text = String.valueOf(value.value());
            String port = text.substring(text.lastIndexOf(':') + 1);
            try {
                int number = Integer.parseInt(port.trim());
                if (number > 0 && number < 65536) {
                    return Optional.of(number);
                }
            } catch (NumberFormatException e) {
                // not a port: look at the next key
            }
        }
        return Optional.empty();
    }
}
