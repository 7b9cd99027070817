package io.natsguard.rule;

import com.google.auto.service.AutoService;
import io.natsguard.base.Redactor;
import io.natsguard.base.Severity;
import io.natsguard.conf.ConfValue;
import io.natsguard.model.Cluster;
import io.natsguard.model.ConfigKeys;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

@AutoService(Rule.class)
@RuleInfo(id = "wrong-value-type", severity = Severity.ERROR,
        title = "A value of a type nats-server refuses",
        rationale = "The server converts option values with Go type assertions: a value of the wrong type stops it "
                + "with 'interface conversion' errors. Unquoted yes/no/on/off are booleans (cluster { name: no } is "
                + "false, not \"no\"), and digit-led words are numbers or broken strings.",
        fix = "Write the value in the type the option takes; quote strings that look like booleans or numbers.")
public final class WrongValueType implements Rule {

    @Override
    public void check(Cluster cluster, RuleContext context) {
        for (ConfigWalk.Block block : ConfigWalk.checkedBlocks(cluster)) {
            for (Map.Entry<String, ConfValue> entry : block.map().asMap().entrySet()) {
                Set<ConfValue.Type> allowed = block.options().get(ConfigWalk.lower(entry.getKey()));
                ConfValue value = entry.getValue();
                if (allowed != null && !allowed.contains(value.type()) && !value.fromEnvironment()) {
                    report(cluster, block, entry.getKey(), value, allowed, context);
                }
            }
        }
        ConfValue block = cluster.clusterBlock();
        ConfValue routes = block == null ? null : ConfigKeys.get(block, "routes");
        if (routes != null && routes.type() == ConfValue.Type.ARRAY) {
            for (ConfValue element : routes.asList()) {
                if (element.type() != ConfValue.Type.STRING && !element.fromEnvironment()) {
                    context.report(cluster.config().locateValue(element), "a route must be a URL string, not "
                            + article(element.type()) + " (" + element.writtenAs() + "): quote it as \"nats://host:port\".");
                }
            }
        }
    }

    private static void report(Cluster cluster, ConfigWalk.Block block, String key, ConfValue value,
            Set<ConfValue.Type> allowed, RuleContext context) {
        String expected = allowed.stream().map(t -> article(t)).collect(Collectors.joining(" or "));
        // A password written as a number or a boolean is still the password: it is never quoted.
        String written = Redactor.isSecretKey(key) ? "" : value.writtenAs();
        String advice = value.type() == ConfValue.Type.BOOL && allowed.contains(ConfValue.Type.STRING)
                ? written.isEmpty() ? " Unquoted, it is a boolean; quote it." : " Unquoted " + written + " is a boolean; write \"" + written + "\" (quoted)."
                : " Write " + expected + ".";
        context.report(cluster.config().locate(value), key + " in " + block.name() + " takes " + expected + ", but "
                + (written.isEmpty() ? "the value" : written) + " is " + article(value.type())
                + ": nats-server stops with an interface conversion error." + advice);
    }

    private static String article(ConfValue.Type type) {
        return switch (type) {
            case INT -> "an integer";
            case ARRAY -> "an array";
            default -> "a " + (type == ConfValue.Type.MAP ? "block { }" : type.jsonName());
        };
    }
}
