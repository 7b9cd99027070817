package io.natsguard.model;

import io.natsguard.base.Position;
import io.natsguard.base.Related;
import io.natsguard.conf.ConfValue;
import io.natsguard.source.HelmValues;
import java.util.ArrayList;
import java.util.List;

/**
 * What the rules look at: one NATS deployment as far as the scanned files tell. A workload
 * running nats-server with its config (mounted or on the command line), or a config on its own
 * (then the cluster size is unknown).
 *
 * @param workload the StatefulSet, Deployment or Pod, or null for a config alone
 * @param config   the config, or null when the workload has none (flags only)
 * @param services every Service scanned
 * @param chart    the values of the official NATS chart that make this cluster, or null when the files
 *                 write it themselves: what is wrong is then fixed in those values
 * @param joined   what was joined from outside the workload's unit, as the only object of its name in the
 *                 scanned tree (a ConfigMap kept in another folder): every finding on the cluster names it
 */
public record Cluster(Workload workload, NatsConfig config, Services services, HelmValues chart, List<Related> joined) {

    public Cluster(Workload workload, NatsConfig config, Services services) {
        this(workload, config, services, null, List.of());
    }

    /**
     * Where the cluster's parts are written: its workload, its config's texts, its chart values, the
     * Services its routes name and what was joined. A lint of named files reports the clusters they
     * are part of.
     */
    public List<Position> parts() {
        List<Position> parts = new ArrayList<>();
        if (workload != null) {
            parts.add(workload.object().position());
        }
        if (config != null) {
            config.origins().values().forEach(origin -> parts.add(origin.locate(1, 1)));
        }
        if (chart != null) {
            chart.layers().forEach(layer -> parts.add(layer.origin().locate(1, 1)));
        }
        String namespace = workload != null ? workload.namespace() : "default";
        for (Route route : routes()) {
            services.namedBy(route.host(), namespace).filter(s -> s.object() != null).ifPresent(s -> parts.add(s.object().position()));
        }
        joined.forEach(related -> parts.add(related.position()));
        return parts;
    }

    /** A human name for messages. */
    public String label() {
        return workload != null ? workload.label() : config.label();
    }

    /** The {@code cluster { }} block, or null. */
    public ConfValue clusterBlock() {
        if (config == null || config.root() == null) {
            return null;
        }
        ConfValue block = ConfigKeys.get(config.root(), "cluster");
        return block != null && block.type() == ConfValue.Type.MAP ? block : null;
    }

    /** The cluster's {@code tls { }} block, or null. */
    public ConfValue clusterTls() {
        ConfValue block = clusterBlock();
        ConfValue tls = block == null ? null : ConfigKeys.get(block, "tls");
        return tls != null && tls.type() == ConfValue.Type.MAP ? tls : null;
    }

    /** Routes as nats-server gets them: --routes overrides the file's cluster.routes. */
    public List<Route> routes() {
        if (workload != null && !workload.argRoutes().isEmpty()) {
            return workload.argRoutes();
        }
        List<Route> routes = new ArrayList<>();
        ConfValue block = clusterBlock();
        ConfValue list = block == null ? null : ConfigKeys.get(block, "routes");
        if (list != null && list.type() == ConfValue.Type.ARRAY) {
            for (ConfValue element : list.asList()) {
                if (element.type() == ConfValue.Type.STRING) {
                    routes.add(new Route((String) element.value(), config.locateValue(element)));
                }
            }
        }
        return routes;
    }

    /** Where the route list is written: the config's routes key, or the workload's --routes argument. */
    public Position routesAt() {
        if (workload != null && !workload.argRoutes().isEmpty()) {
            return workload.argRoutes().get(0).position();
        }
        ConfValue block = clusterBlock();
        ConfValue list = block == null ? null : ConfigKeys.get(block, "routes");
        return list != null ? config.locate(list) : clusterAt();
    }

    /** Whether the server runs in cluster mode: a cluster block with a port or listen, or --cluster. */
    public boolean clustered() {
        return clusterBlock() != null || workload != null && workload.clusterUrl() != null;
    }

    /** Where the cluster is set up: the cluster block, --cluster, or the workload. */
    public Position clusterAt() {
        ConfValue block = clusterBlock();
        if (block != null) {
            return config.locate(block);
        }
        if (workload != null && workload.clusterUrlAt() != null) {
            return workload.clusterUrlAt();
        }
        return workload != null ? workload.object().position() : null;
    }
}
