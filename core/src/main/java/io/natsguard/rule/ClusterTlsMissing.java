package io.natsguard.rule;

import com.google.auto.service.AutoService;
import io.natsguard.base.Severity;
import io.natsguard.model.Cluster;

@AutoService(Rule.class)
@RuleInfo(id = "cluster-tls-missing", severity = Severity.ERROR,
        title = "Route traffic without TLS",
        rationale = "Routes carry every message and the route credentials between servers; in clear text, anyone "
                + "on the pod network reads them, and nothing proves a peer is one of the cluster's servers.",
        fix = "Add a tls { cert_file, key_file, ca_file } block inside cluster { } (the chart's config.cluster.tls), "
                + "with certificates for the route host names.",
        chartFix = "its default config.cluster.tls.enabled is false; set config.cluster.tls.enabled: true and "
                + "config.cluster.tls.secretName in the values.")
public final class ClusterTlsMissing implements Rule {

    @Override
    public void check(Cluster cluster, RuleContext context) {
        if (!cluster.clustered()) {
            return;
        }
        if (cluster.clusterTls() == null) {
            context.report(cluster.clusterAt(), "routes between servers run without TLS. Add tls { cert_file, "
                    + "key_file, ca_file } inside the cluster block.");
        }
    }
}
