package io.natsguard.rule;

import com.google.auto.service.AutoService;
import io.natsguard.base.Severity;
import io.natsguard.conf.ConfValue;
import io.natsguard.edit.Fix;
import io.natsguard.model.Cluster;
import io.natsguard.model.ConfigKeys;
import io.natsguard.model.Route;

@AutoService(Rule.class)
@RuleInfo(id = "route-credentials-plaintext", severity = Severity.ERROR,
        title = "A route password in clear text where it does not belong",
        rationale = "A ConfigMap, a plain file, container arguments or Helm values end up in Git and in places "
                + "any reader of the namespace sees; whoever holds the route password can join the mesh as a "
                + "server and read all traffic.",
        fix = "Keep the config that holds route credentials in a Secret, take the password from a variable "
                + "($ROUTE_PASSWORD from a secretKeyRef, or a bcrypt hash in cluster.authorization), "
                + "or authenticate routes by TLS certificates (cluster.tls with verify) instead of passwords.",
        chartFix = "keep config.cluster.routeURLs.password out of plain values (a Secret in Flux valuesFrom, "
                + "or TLS certificates for route authentication).")
public final class RouteCredentialsPlaintext implements Rule {

    @Override
    public void check(Cluster cluster, RuleContext context) {
        boolean inSecret = cluster.config() != null && cluster.config().inSecret();
        for (Route route : cluster.routes()) {
            boolean fromArgs = cluster.workload() != null && cluster.workload().argRoutes().contains(route);
            if ((fromArgs || !inSecret) && route.hasPassword() && !isReference(route.password())) {
                context.report(route.position(), "route " + route.redacted() + " carries its password in clear "
                        + "text" + where(fromArgs) + ". Move the config into a Secret, use a variable, or authenticate "
                        + "routes with TLS certificates.", route.via(), Fix.NONE);
            }
        }
        if (cluster.workload() != null && cluster.workload().clusterUrl() != null) {
            Route listen = new Route(cluster.workload().clusterUrl(), cluster.workload().clusterUrlAt());
            if (listen.hasPassword() && !isReference(listen.password())) {
                context.report(listen.position(), "--cluster " + listen.redacted() + " carries the route password "
                        + "in clear text in the container arguments. Take it from a Secret: $(ROUTE_PASSWORD).");
            }
        }
        ConfValue block = cluster.clusterBlock();
        ConfValue auth = block == null ? null : ConfigKeys.get(block, "authorization");
        ConfValue password = auth == null || auth.type() != ConfValue.Type.MAP ? null : ConfigKeys.any(auth, "password", "pass");
        if (!inSecret && password != null && password.type() == ConfValue.Type.STRING && !password.viaVariable()
                && !((String) password.value()).startsWith("$2")) {
            context.report(cluster.config().locate(password), "cluster.authorization password is written in clear "
                    + "text in " + cluster.config().label() + ". Use a bcrypt hash (nats server passwd), a $VARIABLE "
                    + "from a Secret, or move the config into a Secret.");
        }
    }

    /** $VAR (expanded by the server from its environment) or $(VAR) (expanded by Kubernetes in args). */
    private static boolean isReference(String password) {
        return password.startsWith("$");
    }

    private static String where(boolean fromArgs) {
        return fromArgs ? " in the container arguments" : "";
    }
}
