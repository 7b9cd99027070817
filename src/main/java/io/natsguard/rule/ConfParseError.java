package io.natsguard.rule;

import com.google.auto.service.AutoService;
import io.natsguard.model.Cluster;
import io.natsguard.model.NatsConfig;
import io.natsguard.report.Severity;

@AutoService(Rule.class)
@RuleInfo(id = "conf-parse-error", severity = Severity.ERROR,
        title = "The NATS config does not parse as nats-server would parse it",
        rationale = "nats-server refuses to start with a config it cannot parse; a pod that crash-loops on a "
                + "config change takes its share of the cluster with it, and the quirks of the format (an integer "
                + "right before ']', 'yes' and 'no' as booleans, unquoted values with spaces) catch people out.",
        fix = "Correct the syntax at the place shown; `natsguard parse FILE` prints what the server reads.")
public final class ConfParseError implements Rule {

    @Override
    public void check(Cluster cluster, RuleContext context) {
        NatsConfig config = cluster.config();
        if (config != null && config.error() != null && !config.error().limitExceeded()) {
            context.report(config.locate(config.error().position()),
                    "nats-server refuses this config: " + config.error().getMessage() + ". Fix the syntax here.");
        }
    }
}
