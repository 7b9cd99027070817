package io.natsguard.rule;

import com.google.auto.service.AutoService;
import io.natsguard.base.Severity;
import io.natsguard.source.InputProblem;

@AutoService(Rule.class)
@RuleInfo(id = "not-checked", severity = Severity.INFO,
        title = "Input that is not NATS configuration or manifests yet: a template source, a file written at run time, "
                + "a chart that cannot be rendered",
        rationale = "A consul-template or gomplate source, a Helm template or a config file that an init container "
                + "writes into a shared volume becomes a config only when it runs: read as it is written, it would "
                + "give parse errors that are not there and hide the checks of everything around it. natsguard "
                + "checks the rest and says what it could not check, so that silence never reads as a pass.",
        fix = "Nothing to change if this is how it is meant to work. To check it too, lint what it becomes: the "
                + "rendered template (helm template, consul-template -dry), the chart with its dependencies "
                + "(helm dependency build), or the written file.")
public final class NotChecked implements Rule {

    @Override
    public void checkInput(InputProblem problem, RuleContext context) {
        if (problem.kind() == InputProblem.Kind.NOTE) {
            context.report(problem.position(), problem.message() + ".");
        }
    }
}
