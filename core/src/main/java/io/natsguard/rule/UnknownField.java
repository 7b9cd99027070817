package io.natsguard.rule;

import com.google.auto.service.AutoService;
import io.natsguard.base.Severity;
import io.natsguard.conf.ConfValue;
import io.natsguard.model.Cluster;
import io.natsguard.model.ServerOptions;
import java.util.Map;

@AutoService(Rule.class)
@RuleInfo(id = "unknown-field", severity = Severity.ERROR,
        title = "A key nats-server rejects (top level, cluster, tls or authorization block)",
        rationale = "nats-server refuses to start on an unknown top-level key and on an unknown key in a cluster, "
                + "tls or authorization block; a typo such as route = [...] for cluster { routes = [...] } takes the "
                + "whole cluster down on the next restart. Keys defined only to be used as $variables are allowed.",
        fix = "Correct the key's spelling or move it into the block it belongs to (routes go inside cluster { }).")
public final class UnknownField implements Rule {

    @Override
    public void check(Cluster cluster, RuleContext context) {
        for (ConfigWalk.Block block : ConfigWalk.checkedBlocks(cluster)) {
            for (Map.Entry<String, ConfValue> entry : block.map().asMap().entrySet()) {
                String key = entry.getKey();
                boolean variableAllowed = block.options() != ServerOptions.TLS; // parseTLS has no such exception
                if (block.options().containsKey(ConfigWalk.lower(key)) || variableAllowed && entry.getValue().usedVariable()) {
                    continue;
                }
                String closest = ConfigWalk.closest(key, block.options().keySet());
                String hint = key.equalsIgnoreCase("route") || key.equalsIgnoreCase("routes") && block.name().equals("the top level")
                        ? " Routes go inside the cluster block: cluster { routes = [...] }."
                        : closest != null ? " Did you mean \"" + closest + "\"?" : " Remove it or correct its spelling.";
                context.report(cluster.config().locate(entry.getValue()), "unknown field " + quoted(key, cluster) + " in "
                        + block.name() + ": nats-server refuses to start." + hint);
            }
        }
    }

    /** A word alone on a line reads as a key: in a Secret, where passwords are kept, it is not quoted. */
    private static String quoted(String key, Cluster cluster) {
        return cluster.config().inSecret() ? "(not quoted: the config is in a Secret)" : "\"" + key + "\"";
    }
}
