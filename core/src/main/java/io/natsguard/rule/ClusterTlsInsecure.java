package io.natsguard.rule;

import com.google.auto.service.AutoService;
import io.natsguard.base.Severity;
import io.natsguard.conf.ConfValue;
import io.natsguard.model.Cluster;
import io.natsguard.model.ConfigKeys;

@AutoService(Rule.class)
@RuleInfo(id = "cluster-tls-insecure", severity = Severity.ERROR,
        title = "Cluster TLS with insecure: true",
        rationale = "insecure skips the verification of the peer's certificate on outgoing routes: anyone who can "
                + "answer on a route address joins the mesh and reads every message.",
        fix = "Remove insecure: true and give the cluster tls block a ca_file that signs the route certificates.",
        chartFix = "remove insecure from config.cluster.tls.merge.")
public final class ClusterTlsInsecure implements Rule {

    @Override
    public void check(Cluster cluster, RuleContext context) {
        ConfValue tls = cluster.clusterTls();
        ConfValue insecure = tls == null ? null : ConfigKeys.get(tls, "insecure");
        if (insecure != null && Boolean.TRUE.equals(insecure.value())) {
            context.report(cluster.config().locate(insecure), "cluster TLS has insecure: true: route certificates "
                    + "are not verified. Remove it and set ca_file to the CA of the route certificates.");
        }
    }
}
