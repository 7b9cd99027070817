package io.natsguard.rule;

import com.google.auto.service.AutoService;
import io.natsguard.base.Severity;
import io.natsguard.model.Cluster;
import io.natsguard.model.Workload;
import java.util.List;

@AutoService(Rule.class)
@RuleInfo(id = "routes-missing", severity = Severity.ERROR, autofix = true,
        title = "A cluster of several servers without any route",
        rationale = "A server learns its peers only through routes (its own or theirs). With none, every server "
                + "stays alone: clients on one never see messages published on another.",
        fix = "List one route per member in cluster { routes = [...] } (or --routes): for a StatefulSet, "
                + "nats://<name>-<i>.<service>.<namespace>.svc.cluster.local:<port> for every ordinal i.",
        chartFix = "remove the override that empties config.cluster routes.")
public final class RoutesMissing implements Rule {

    @Override
    public void check(Cluster cluster, RuleContext context) {
        Workload w = cluster.workload();
        if (w == null || !cluster.clustered() || !cluster.routes().isEmpty() || !severalServers(w)) {
            return;
        }
        String size = w.replicas() != null ? w.replicas() + " replicas" : "one server per node";
        String routes = w.hasStablePodNames() ? " Add routes = [ " + RouteLists.perPod(w, cluster, "nats", "", 6222) + " ]."
                : " " + RouteLists.withoutStableNames(w);
        context.report(cluster.clusterAt(), w.label() + " runs " + size
                + " but the cluster has no routes: every server stays alone." + routes, List.of(),
                RouteLists.fixRoutes(cluster, context.planner()));
    }

    /** Two replicas or more; a DaemonSet runs one server on each node, as many as the cluster has. */
    private static boolean severalServers(Workload w) {
        return w.replicas() != null ? w.replicas() >= 2 : w.kind().equals("DaemonSet");
    }
}
