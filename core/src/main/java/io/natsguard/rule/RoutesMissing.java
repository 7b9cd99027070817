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
        if (w == null || w.replicas() == null || w.replicas() < 2 || !cluster.clustered() || !cluster.routes().isEmpty()) {
            return;
        }
        String routes = w.hasStablePodNames() ? " Add routes = [ " + RouteLists.perPod(w, cluster, "nats", "", 6222) + " ]."
                : " Give the servers stable names (a StatefulSet with a headless Service) and list one route per pod.";
        context.report(cluster.clusterAt(), w.label() + " runs " + w.replicas()
                + " replicas but the cluster has no routes: every server stays alone." + routes, List.of(),
                RouteLists.fixRoutes(cluster, context.planner()));
    }
}
