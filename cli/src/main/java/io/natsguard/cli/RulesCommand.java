package io.natsguard.cli;

import io.natsguard.rule.RuleInfo;
import io.natsguard.rule.Rules;
import io.natsguard.rule.RulesDoc;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code natsguard rules}: every rule with its metadata; {@code --format markdown} writes docs/rules.md. */
@Command(name = "rules", mixinStandardHelpOptions = true,
        description = "List the rules: id, default severity, title, why, fix. --format markdown makes docs/rules.md.")
public class RulesCommand implements Callable<Integer> {

    @Option(names = "--format", defaultValue = "text", description = "text (default) or markdown.")
    String format;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        switch (format) {
            case "text" -> Rules.all().forEach(rule -> {
                RuleInfo info = rule.info();
                out.printf("%-28s %-8s %s%n", info.id(), info.severity().label(), info.title());
            });
            case "markdown" -> out.print(RulesDoc.markdown());
            default -> {
                spec.commandLine().getErr().println("natsguard rules: unknown format '" + format + "' (text, markdown)");
                return ExitCodes.USAGE;
            }
        }
        out.flush();
        return ExitCodes.OK;
    }
}
