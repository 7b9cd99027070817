package io.natsguard.rule;

import com.google.auto.service.AutoService;
import com.typesafe.config.Config;
import io.natsguard.base.Severity;
import io.natsguard.conf.ConfValue;
import io.natsguard.model.Cluster;
import io.natsguard.model.ConfigKeys;
import io.natsguard.model.GoDuration;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

@AutoService(Rule.class)
@RuleInfo(id = "timeout-out-of-range", severity = Severity.WARNING,
        title = "A timeout or duration outside the policy's bounds",
        rationale = "Timeouts far from nats-server's defaults break clusters quietly: a ping interval of days never "
                + "notices a dead route, a write deadline of milliseconds drops healthy slow consumers, a lame-duck "
                + "duration under 30 s is refused, a cluster ping interval over 30 s is reset. The bounds live in "
                + "the policy (params of this rule): ping_interval 1s-10m (default 2m), write_deadline 1s-2m "
                + "(default 10s), lame_duck_duration 30s-30m (the server's minimum is 30s), lame_duck_grace_period "
                + "0s-2m (default 10s), cluster_ping_interval 1s-30s (the server caps it at 30s), "
                + "cluster_write_deadline 1s-2m, tls_timeout and authorization_timeout 0.5s-60s (default 2s; the "
                + "server warns above 60s, possibly an unquoted duration).",
        fix = "Set the value inside the bounds, as a quoted duration (\"2m\"), or change the bounds in the policy.")
public final class TimeoutOutOfRange implements Rule {

    private record Check(String param, ConfValue value, String name) {
    }

    @Override
    public void validate(Config params) {
        for (String param : List.of("ping_interval", "write_deadline", "lame_duck_duration", "lame_duck_grace_period",
                "cluster_ping_interval", "cluster_write_deadline", "tls_timeout", "authorization_timeout")) {
            if (params.hasPath(param)) {
                params.getDuration(param + ".min");
                params.getDuration(param + ".max");
            }
        }
    }

    @Override
    public void check(Cluster cluster, RuleContext context) {
        if (cluster.config() == null || cluster.config().root() == null) {
            return;
        }
        ConfValue root = cluster.config().root();
        List<Check> checks = new ArrayList<>();
        for (String key : DurationUnquoted.TOP_LEVEL) {
            checks.add(new Check(key, ConfigKeys.get(root, key), key));
        }
        checks.add(new Check("tls_timeout", timeoutIn(root, "tls"), "tls.timeout"));
        checks.add(new Check("authorization_timeout", timeoutIn(root, "authorization"), "authorization.timeout"));
        ConfValue block = cluster.clusterBlock();
        if (block != null) {
            for (String key : DurationUnquoted.IN_CLUSTER) {
                checks.add(new Check("cluster_" + key, ConfigKeys.get(block, key), "cluster." + key));
            }
            checks.add(new Check("tls_timeout", timeoutIn(block, "tls"), "cluster.tls.timeout"));
            checks.add(new Check("authorization_timeout", timeoutIn(block, "authorization"), "cluster.authorization.timeout"));
        }
        for (Check check : checks) {
            Duration value = check.value() == null ? null : asDuration(check.value());
            if (value == null || !context.params().hasPath(check.param())) {
                continue;
            }
            Duration min = context.params().getDuration(check.param() + ".min");
            Duration max = context.params().getDuration(check.param() + ".max");
            if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
                context.report(cluster.config().locate(check.value()), check.name() + " is " + GoDuration.format(value)
                        + ", outside " + GoDuration.format(min) + " to " + GoDuration.format(max)
                        + " (the policy's bounds). Set a quoted duration inside them.");
            }
        }
    }

    private static ConfValue timeoutIn(ConfValue map, String block) {
        ConfValue inner = ConfigKeys.get(map, block);
        return inner == null || inner.type() != ConfValue.Type.MAP ? null : ConfigKeys.get(inner, "timeout");
    }

    /** A duration string, or a number of seconds; null when it is neither (wrong-value-type speaks of it). */
    private static Duration asDuration(ConfValue v) {
        if (v.fromEnvironment()) {
            return null;
        }
        return switch (v.type()) {
            case STRING -> GoDuration.parse((String) v.value());
            case INT -> Duration.ofSeconds((Long) v.value());
            case FLOAT -> Duration.ofNanos((long) ((Double) v.value() * 1e9));
            default -> null;
        };
    }
}
