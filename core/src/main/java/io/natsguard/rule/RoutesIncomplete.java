package io.natsguard.rule;

import com.google.auto.service.AutoService;
import io.natsguard.base.Severity;
import io.natsguard.base.Related;
import io.natsguard.model.Cluster;
import io.natsguard.model.Route;
import io.natsguard.model.Workload;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

@AutoService(Rule.class)
@RuleInfo(id = "routes-incomplete", severity = Severity.ERROR, autofix = true,
        title = "The per-pod route list does not match the cluster size",
        rationale = "When replicas change and the route list does not, new pods are named by no route and join "
                + "only if they find a peer by chance; routes to pods that no longer exist retry forever. The mesh "
                + "is complete only when every member has a route.",
        fix = "Make the route list name every pod 0..replicas-1 exactly once (or let the Helm chart generate it).",
        chartFix = "set config.cluster.replicas (its default is 3) instead of changing the StatefulSet's replicas "
                + "through statefulSet.merge or patch, and drop hand-written routes.")
public final class RoutesIncomplete implements Rule {

    @Override
    public void check(Cluster cluster, RuleContext context) {
        Workload w = cluster.workload();
        List<Route> routes = cluster.routes();
        if (w == null || !w.hasStablePodNames() || w.replicas() == null || routes.isEmpty()) {
            return;
        }
        TreeSet<Integer> named = new TreeSet<>();
        for (Route route : routes) {
            int ordinal = RouteLists.ordinal(w, route.host());
            if (ordinal >= 0) {
                named.add(ordinal);
            }
        }
        if (named.isEmpty()) {
            return; // not a per-pod list: routes-single-dns-name speaks of it
        }
        // Count the missing pods without listing a million of them: the message names the first few.
        // A route from a variable may name any of them: only the routes beyond the replicas are sure.
        boolean allKnown = routes.stream().allMatch(Route::hostKnown);
        long missingCount = allKnown ? w.replicas() - named.headSet(Math.max(0, w.replicas())).size() : 0;
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < w.replicas() && missingCount > 0 && missing.size() < RouteLists.MAX_LISTED; i++) {
            if (!named.contains(i)) {
                missing.add(w.name() + "-" + i);
            }
        }
        List<String> extra = named.tailSet(Math.max(0, w.replicas())).stream().map(i -> w.name() + "-" + i).toList();
        if (missingCount <= 0 && extra.isEmpty()) {
            return;
        }
        StringBuilder message = new StringBuilder("the route list does not match the " + w.replicas()
                + " replicas of " + w.label() + ":");
        if (missingCount > 0) {
            String more = missingCount > missing.size() ? " and " + (missingCount - missing.size()) + " more" : "";
            message.append(" no route names ").append(String.join(", ", missing)).append(more).append(';');
        }
        if (!extra.isEmpty()) {
            message.append(" routes name ").append(RouteLists.names(extra)).append(", beyond the replicas;");
        }
        message.append(" write routes = [ ").append(RouteLists.perPodLike(w, cluster, routes.get(0))).append(" ].");
        List<Related> replicas = w.replicasAt() == null ? List.of() : List.of(new Related(w.replicasAt(), "the replicas of " + w.label()));
        context.report(cluster.routesAt(), message.toString(), replicas, RouteLists.fixRoutes(cluster, context.planner()));
    }
}
