package io.natsguard.rule;

import com.google.auto.service.AutoService;
import io.natsguard.base.Severity;
import io.natsguard.conf.ConfValue;
import io.natsguard.edit.Fix;
import io.natsguard.model.Cluster;
import io.natsguard.model.ConfigKeys;
import io.natsguard.model.GoDuration;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

@AutoService(Rule.class)
@RuleInfo(id = "duration-unquoted", severity = Severity.ERROR, autofix = true,
        title = "A duration written as a bare number or an unquoted 2m-style literal",
        rationale = "nats-server reads a bare integer duration as seconds and warns (nats-server -t fails on the "
                + "warning), and its lexer reads unquoted 2m as the size 2,000,000: a ping interval of 23 days. "
                + "An unquoted 1m30s is a string only from nats-server 2.14.8 on: older servers refuse the whole "
                + "config. Durations must be quoted strings such as \"2m\" or \"30s\".",
        fix = "Quote the duration with its unit: ping_interval: \"2m\", write_deadline: \"10s\".")
public final class DurationUnquoted implements Rule {

    /** The duration options, where nats-server parses them with parseDuration or time.ParseDuration. */
    static final List<String> TOP_LEVEL = List.of("ping_interval", "write_deadline", "lame_duck_duration",
            "lame_duck_grace_period");
    static final List<String> IN_CLUSTER = List.of("ping_interval", "write_deadline");

    /** The release whose lexer first reads an unquoted 1m30s (a digit after a size suffix) as a string. */
    static final String COMPOUND_SINCE = "2.14.8";
    /**
     * A digit after a size suffix (lex.go's isNumberSuffix, then any b or i): older lexers end the
     * integer there and refuse the digit that follows.
     */
    private static final Pattern COMPOUND = Pattern.compile("\\d+[kKmMgGtTpPeE][bBiI]*(\\d).*");

    /** A duration option as written, where it is. */
    private record Unquoted(String name, ConfValue value) {
    }

    /**
     * Reports each, with its fix: {@code 2m} becomes {@code "2m"}, minutes, which is what a person
     * writing 2m means (nats-server reads it as 2,000,000 seconds); a bare {@code 30} becomes
     * {@code "30s"}, the seconds nats-server already reads, now without its warning.
     */
    @Override
    public void check(Cluster cluster, RuleContext context) {
        for (Unquoted u : unquoted(cluster)) {
            String name = u.name();
            String written = u.value().writtenAs();
            if (u.value().type() == ConfValue.Type.STRING) {
                reportCompound(cluster, context, u, written);
                continue;
            }
            long number = (Long) u.value().value();
            String message;
            Fix fix;
            if (written.toLowerCase(Locale.ROOT).matches("\\d+m")) {
                String minutes = written.toLowerCase(Locale.ROOT);
                message = name + " = " + written + " is read as the integer " + number + " (\"m\" is mega), i.e. "
                        + number + " seconds, not " + written.substring(0, written.length() - 1) + " minutes. Write \""
                        + minutes + "\" (quoted) for minutes.";
                fix = context.planner().rewrite(cluster, u.value(), "\"" + minutes + "\"", name + " " + written + " meant minutes");
            } else {
                String seconds = GoDuration.format(Duration.ofSeconds(Math.max(0, number)));
                message = name + " = " + written + " is a bare number: nats-server reads it as " + number
                        + " seconds and warns (nats-server -t then fails). Write \"" + seconds + "\" (quoted, with its unit).";
                fix = context.planner().rewrite(cluster, u.value(), "\"" + seconds + "\"", name + " " + written + " is seconds");
            }
            context.report(cluster.config().locate(u.value()), message, List.of(), fix);
        }
    }

    /** An unquoted 1m30s: the newest servers read the string, older ones refuse the config; quoted, all agree. */
    private static void reportCompound(Cluster cluster, RuleContext context, Unquoted u, String written) {
        Matcher compound = COMPOUND.matcher(written);
        compound.matches(); // add() took only values that match
        String refusal = u.name().startsWith("cluster.")
                ? "Expected a map value terminator \",\" or a map terminator \"}\", but got '" + compound.group(1) + "' instead."
                : "Expected a top-level value to end with a new line, comment or EOF, but got '" + compound.group(1) + "' instead.";
        String message = u.name() + " = " + written + " is unquoted: nats-server before " + COMPOUND_SINCE
                + " refuses the whole config ('" + refusal + "'); write \"" + written + "\" (quoted).";
        Fix fix = context.planner().rewrite(cluster, u.value(), "\"" + written + "\"", u.name() + " " + written + " quoted");
        context.report(cluster.config().locate(u.value()), message, List.of(), fix);
    }

    private static List<Unquoted> unquoted(Cluster cluster) {
        List<Unquoted> found = new java.util.ArrayList<>();
        if (cluster.config() == null || cluster.config().root() == null) {
            return found;
        }
        for (String key : TOP_LEVEL) {
            add(found, ConfigKeys.get(cluster.config().root(), key), key);
        }
        ConfValue block = cluster.clusterBlock();
        if (block != null) {
            for (String key : IN_CLUSTER) {
                add(found, ConfigKeys.get(block, key), "cluster." + key);
            }
        }
        return found;
    }

    private static void add(List<Unquoted> found, ConfValue value, String name) {
        if (value == null || value.fromEnvironment()) {
            return;
        }
        boolean compound = value.type() == ConfValue.Type.STRING && !value.writtenQuoted()
                && COMPOUND.matcher(value.writtenAs()).matches();
        if (value.type() == ConfValue.Type.INT || compound) {
            found.add(new Unquoted(name, value));
        }
    }
}
