package io.natsguard.cli;

import io.natsguard.edit.Edit;
import io.natsguard.fix.Fixer;
import io.natsguard.fix.Rewrite;
import io.natsguard.lint.InputException;
import io.natsguard.lint.Inputs;
import io.natsguard.lint.Linter;
import io.natsguard.policy.Policy;
import io.natsguard.policy.PolicyException;
import io.natsguard.report.Finding;
import io.natsguard.rule.RuleInfo;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code natsguard fix PATH...}: rewrite what has a safe, mechanical fix, where it is written. */
@Command(name = "fix", mixinStandardHelpOptions = true,
        description = {"Apply the fixes of the rules that have one (natsguard rules: autofix) in the files that hold the values:",
            "NATS configs, ConfigMap block scalars, --routes arguments. Comments, order and every other line stay as they are;",
            "each file is rewritten atomically, and not at all if it changed since it was read."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:nothing left to fix", "1:findings remain that have no automatic fix (natsguard lint shows them)",
            "2:usage error, unreadable path, invalid policy, a file that could not be rewritten"})
public class FixCommand implements Callable<Integer> {

    @Parameters(paramLabel = "PATH", arity = "1..*", description = "Files and directories, as for lint.")
    List<String> paths = new ArrayList<>();

    @Option(names = "--dry-run", description = "Print the changes as a unified diff; change nothing.")
    boolean dryRun;

    @Option(names = "--policy", paramLabel = "FILE", description = "The policy lint uses (rules turned off are not fixed).")
    Path policyFile;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Fixer.Plan plan;
        Policy policy;
        try {
            policy = policyFile == null ? Policy.defaults() : Policy.load(policyFile);
            plan = new Fixer(policy).plan(Inputs.read(Inputs.Request.of(paths, System.in), policy.limits()));
        } catch (PolicyException | InputException e) {
            err.println("natsguard fix: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        int failures = 0;
        for (Fixer.FileChange change : plan.changes()) {
            if (dryRun) {
                out.print(Rewrite.diff(change));
                continue;
            }
            try {
                Rewrite.write(change);
                for (Edit edit : change.edits()) {
                    out.println("fixed " + change.file() + ":" + change.lineOf(edit) + ": " + edit.rule() + " (" + edit.why() + ")");
                }
            } catch (IOException e) {
                err.println("natsguard fix: " + e.getMessage());
                failures++;
            }
        }
        plan.refused().forEach(refusal -> err.println("natsguard fix: " + refusal));
        List<Finding> remaining;
        try {
            // after a real fix, what lint now finds; with --dry-run, the findings the changes leave
            remaining = dryRun || plan.changes().isEmpty() ? plan.report().findings().stream().filter(f -> !plan.fixed().contains(f)).toList()
                    : new Linter(policy).lint(Inputs.read(Inputs.Request.of(paths, System.in), policy.limits())).findings();
        } catch (InputException e) {
            err.println("natsguard fix: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        Map<String, RuleInfo> rules = plan.report().rulesById();
        for (Finding f : remaining) {
            err.println("natsguard fix: remains: " + f.position().file() + ":" + f.position().line() + ": " + f.ruleId()
                    + (rules.get(f.ruleId()).autofix() ? " (no automatic fix here)" : ""));
        }
        out.flush();
        if (failures > 0) {
            return ExitCodes.USAGE;
        }
        return remaining.isEmpty() ? ExitCodes.OK : ExitCodes.FINDINGS;
    }
}
