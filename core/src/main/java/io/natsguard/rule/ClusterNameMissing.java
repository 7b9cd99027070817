package io.natsguard.rule;

import com.google.auto.service.AutoService;
import io.natsguard.base.Severity;
import io.natsguard.conf.ConfValue;
import io.natsguard.model.Cluster;
import io.natsguard.model.ConfigKeys;

@AutoService(Rule.class)
@RuleInfo(id = "cluster-name-missing", severity = Severity.WARNING,
        title = "A cluster block without a name",
        rationale = "Without a name each server makes one up; names then differ between servers, gateways cannot "
                + "refer to the cluster, and monitoring shows random names. JetStream needs a stable name.",
        fix = "Set cluster { name: <name> } (or --cluster_name), the same on every server of the cluster.")
public final class ClusterNameMissing implements Rule {

    @Override
    public void check(Cluster cluster, RuleContext context) {
        ConfValue block = cluster.clusterBlock();
        boolean named = block != null && ConfigKeys.get(block, "name") != null
                || cluster.workload() != null && cluster.workload().clusterName() != null;
        if (cluster.clustered() && !named) {
            context.report(cluster.clusterAt(), "the cluster has no name: each server makes one up. "
                    + "Add name: <cluster-name> to the cluster block (or --cluster_name), the same on every server.");
        }
    }
}
