package io.natsguard.rule;

import com.google.auto.service.AutoService;
import io.natsguard.base.Severity;
import io.natsguard.conf.ConfValue;
import io.natsguard.model.Cluster;
import io.natsguard.model.ServerOptions;
import java.util.Map;

@AutoService(Rule.class)
@RuleInfo(id = "option-deprecated", severity = Severity.WARNING,
        title = "An option nats-server accepts with a deprecation warning",
        rationale = "The server still runs with it but warns at every start, and nats-server -t fails on the warning: "
                + "permissions (or default_permission(s)) inside cluster { authorization { } } are deprecated, and from "
                + "2.10 mqtt { consumer_replicas } is ignored. The next release may refuse it.",
        fix = "Write what the message says instead: cluster permissions go in cluster { permissions { } }; remove "
                + "consumer_replicas.")
public final class OptionDeprecated implements Rule {

    @Override
    public void check(Cluster cluster, RuleContext context) {
        ServerVersion version = ServerVersion.of(cluster, context);
        for (ConfigWalk.Block block : ConfigWalk.checkedBlocks(cluster)) {
            for (Map.Entry<String, ConfValue> entry : block.map().asMap().entrySet()) {
                ServerOptions.option(block.table(), entry.getKey())
                        .filter(option -> option.deprecatedIn(version.release()))
                        .ifPresent(option -> context.report(cluster.config().locate(entry.getValue()), "\"" + entry.getKey()
                                + "\" in " + block.name() + " is deprecated (nats-server " + option.deprecatedSince()
                                + (option.deprecatedSince().equals(ServerOptions.RELEASES.get(0)) ? " or earlier" : "")
                                + " warns): " + option.instead() + "."));
            }
        }
    }
}
