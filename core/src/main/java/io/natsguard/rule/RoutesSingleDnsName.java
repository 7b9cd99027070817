package io.natsguard.rule;

import com.google.auto.service.AutoService;
import io.natsguard.base.Severity;
import io.natsguard.edit.Fix;
import io.natsguard.model.Cluster;
import io.natsguard.model.Route;
import io.natsguard.model.Service;
import io.natsguard.model.Workload;
import java.util.List;
import java.util.Optional;

@AutoService(Rule.class)
@RuleInfo(id = "routes-single-dns-name", severity = Severity.ERROR, autofix = true,
        title = "A route names a DNS name that resolves to many pods",
        rationale = "A route to a Service name reaches one pod, chosen by DNS or kube-proxy, each time it "
                + "connects. Servers then learn only some peers: the mesh forms partly, route counts differ, and "
                + "messages published on one server never reach subscribers on another, without any error.",
        fix = "Write one route per pod, e.g. for a StatefulSet nats with headless Service nats-headless: "
                + "nats://nats-0.nats-headless.<namespace>.svc.cluster.local:6222, nats-1..., nats-2...",
        chartFix = "remove config.cluster.merge.routes (or the patch of /cluster/routes) and the chart writes "
                + "one route per pod.")
public final class RoutesSingleDnsName implements Rule {

    @Override
    public void check(Cluster cluster, RuleContext context) {
        List<Route> routes = cluster.routes();
        String namespace = namespace(cluster);
        Fix fix = null; // one list fixes every such route: planned at the first
        for (Route route : routes) {
            if (!route.hostKnown()) {
                continue; // a variable: one seed server or a whole list, known at run time only
            }
            Optional<Service> service = cluster.services().namedBy(route.host(), namespace);
            String message = null;
            if (service.isPresent()) {
                message = "route " + route.redacted() + " names Service " + service.get().namespace() + "/" + service.get().name()
                        + ", which resolves to many pods: the mesh forms only partly." + instead(cluster, route);
            } else if (routes.size() == 1 && !RouteLists.looksPerPod(route.host()) && !isAddress(route.host())) {
                message = "the only route " + route.redacted() + " names no single pod: a DNS name for the whole cluster joins "
                        + "each server to one peer, and the mesh forms only partly." + instead(cluster, route);
            }
            if (message != null) {
                fix = fix != null ? fix : RouteLists.fixRoutes(cluster, context.planner());
                context.report(route.position(), message, route.via(), fix);
            }
        }
    }

    private static String instead(Cluster cluster, Route route) {
        Workload w = cluster.workload();
        if (w != null && w.hasStablePodNames() && w.replicas() != null) {
            return " Write one route per pod: " + RouteLists.perPodLike(w, cluster, route) + ".";
        }
        if (w != null && !w.kind().equals("StatefulSet")) {
            return " " + RouteLists.withoutStableNames(w);
        }
        return " Write one route per server: nats://<statefulset>-<i>.<headless-service>.<namespace>.svc"
                + ".cluster.local:<port> for every ordinal i.";
    }

    private static String namespace(Cluster cluster) {
        if (cluster.workload() != null) {
            return cluster.workload().namespace();
        }
        return "default";
    }

    /** An IP address or localhost is one server, not a name for many. */
    private static boolean isAddress(String host) {
        return host.matches("[0-9.]+") || host.startsWith("[") || host.equals("localhost");
    }
}
