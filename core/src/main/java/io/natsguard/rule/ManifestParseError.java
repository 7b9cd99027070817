package io.natsguard.rule;

import com.google.auto.service.AutoService;
import io.natsguard.base.Severity;
import io.natsguard.source.InputProblem;

@AutoService(Rule.class)
@RuleInfo(id = "manifest-parse-error", severity = Severity.ERROR,
        title = "A manifest cannot be read (YAML that does not parse, Secret data that is not base64)",
        rationale = "The API server refuses what does not parse, and a linter that skips an unreadable file "
                + "would pass what it never checked.",
        fix = "Correct the file at the place shown (kubectl apply --dry-run=client -f FILE shows the same error).")
public final class ManifestParseError implements Rule {

    @Override
    public void checkInput(InputProblem problem, RuleContext context) {
        if (problem.kind() != InputProblem.Kind.UNREADABLE) {
            return;
        }
        context.report(problem.position(), problem.message() + ". Fix it so that the file can be checked.");
    }
}
