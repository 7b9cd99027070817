package io.natsguard.rule;

import com.google.auto.service.AutoService;
import io.natsguard.base.Redactor;
import io.natsguard.base.Severity;
import io.natsguard.model.Cluster;
import io.natsguard.model.NatsConfig;
import java.util.regex.Pattern;

@AutoService(Rule.class)
@RuleInfo(id = "conf-parse-error", severity = Severity.ERROR,
        title = "The NATS config does not parse as nats-server would parse it",
        rationale = "nats-server refuses to start with a config it cannot parse; a pod that crash-loops on a "
                + "config change takes its share of the cluster with it, and the quirks of the format (an integer "
                + "right before ']', 'yes' and 'no' as booleans, unquoted values with spaces) catch people out.",
        fix = "Correct the syntax at the place shown; `natsguard parse FILE` prints what the server reads.",
        chartFix = "the chart writes this value into nats.conf as Go's JSON does (a control character as a \\u "
                + "escape, a large number without its exponent), which nats-server cannot read; change the value in the values.")
public final class ConfParseError implements Rule {

    /**
     * The server's wording quotes the value it could not convert ({@code password: 99999999999999999999}
     * is an integer out of range): the finding shows its place, not the value.
     */
    private static final Pattern VALUE = Pattern.compile(
            "(expected (?:integer|float|boolean value|Zulu formatted DateTime), but got )'.*'$|((?:integer|float) )'.*'( is out of the range)$");

    @Override
    public void check(Cluster cluster, RuleContext context) {
        NatsConfig config = cluster.config();
        if (config != null && config.error() != null && !config.error().limitExceeded()) {
            context.report(config.locate(config.error().position()),
                    "nats-server refuses this config: " + VALUE.matcher(config.error().getMessage()).replaceAll("$1$2'"
                            + Redactor.MASK + "'$3") + ". Fix the syntax here.");
        }
    }
}
