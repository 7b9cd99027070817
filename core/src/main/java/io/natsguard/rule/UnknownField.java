package io.natsguard.rule;

import com.google.auto.service.AutoService;
import io.natsguard.base.Severity;
import io.natsguard.conf.ConfValue;
import io.natsguard.model.Cluster;
import io.natsguard.model.ServerOptions;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

@AutoService(Rule.class)
@RuleInfo(id = "unknown-field", severity = Severity.ERROR,
        title = "A key nats-server rejects (top level, cluster, tls, authorization, leafnodes, gateway, jetstream, websocket, mqtt "
                + "or account block), or one newer than the release the pod runs",
        rationale = "nats-server refuses to start on an unknown key at the top level and in the cluster, tls, authorization, "
                + "leafnodes, gateway, jetstream, websocket, mqtt and account blocks; a typo such as route = [...] for "
                + "cluster { routes = [...] } takes the whole cluster down on the next restart. An option is unknown to a "
                + "release older than the one that brought it in (docs/options.md): the release is the one the image's tag "
                + "names, else lint --nats-version, else the newest. Keys defined only to be used as $variables are allowed.",
        fix = "Correct the key's spelling or move it into the block it belongs to (routes go inside cluster { }); for an "
                + "option newer than the pod's release, upgrade the image or remove the option.")
public final class UnknownField implements Rule {

    @Override
    public void check(Cluster cluster, RuleContext context) {
        ServerVersion version = ServerVersion.of(cluster, context);
        for (ConfigWalk.Block block : ConfigWalk.checkedBlocks(cluster)) {
            Map<String, ServerOptions.Option> options = ServerOptions.options(block.table());
            Set<String> known = options.values().stream().filter(o -> o.knownIn(version.release()))
                    .map(ServerOptions.Option::name).collect(Collectors.toSet());
            for (Map.Entry<String, ConfValue> entry : block.map().asMap().entrySet()) {
                String key = entry.getKey();
                boolean variableAllowed = !block.table().equals("tls"); // parseTLS has no such exception
                if (known.contains(ConfigWalk.lower(key)) || variableAllowed && entry.getValue().usedVariable()) {
                    continue;
                }
                ServerOptions.Option newer = options.get(ConfigWalk.lower(key));
                String why = newer != null
                        ? ": " + newer.name() + " came in nats-server " + newer.cameIn() + " and " + version.runs()
                                + ", which refuses to start on it. "
                                + "Run " + newer.since() + " or later, or remove it."
                        : ": nats-server refuses to start." + hint(key, block, known);
                context.report(cluster.config().locate(entry.getValue()), "unknown field " + quoted(key, cluster) + " in "
                        + block.name() + why);
            }
        }
    }

    private static String hint(String key, ConfigWalk.Block block, Set<String> known) {
        if (key.equalsIgnoreCase("route") || key.equalsIgnoreCase("routes") && block.table().equals("top")) {
            return " Routes go inside the cluster block: cluster { routes = [...] }.";
        }
        String closest = ConfigWalk.closest(key, known);
        return closest != null ? " Did you mean \"" + closest + "\"?" : " Remove it or correct its spelling.";
    }

    /** A word alone on a line reads as a key: in a Secret, where passwords are kept, it is not quoted. */
    private static String quoted(String key, Cluster cluster) {
        return cluster.config().inSecret() ? "(not quoted: the config is in a Secret)" : "\"" + key + "\"";
    }
}
