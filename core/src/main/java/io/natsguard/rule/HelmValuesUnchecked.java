package io.natsguard.rule;

import com.google.auto.service.AutoService;
import io.natsguard.base.Severity;
import io.natsguard.source.InputProblem;

@AutoService(Rule.class)
@RuleInfo(id = "helm-values-unchecked", severity = Severity.WARNING,
        title = "NATS chart values natsguard could not check",
        rationale = "A HelmRelease whose valuesFrom ConfigMap or Secret is not in the repository, an Application "
                + "value file that cannot be found, values that make helm template fail, a chart version or feature "
                + "natsguard does not model (the 0.x chart, or its values given to a newer chart), or a chart kept at "
                + "a path that is not in the scanned tree: the cluster these values deploy was not checked, and "
                + "silence would read as a pass.",
        fix = "Keep the values and local charts in the scanned tree (or lint the folder that holds them), correct "
                + "values that make the chart fail, move to chart nats 1.x or later, or render the chart and lint the "
                + "output.")
public final class HelmValuesUnchecked implements Rule {

    @Override
    public void checkInput(InputProblem problem, RuleContext context) {
        if (problem.kind() == InputProblem.Kind.UNCHECKED) {
            context.report(problem.position(), problem.message() + ".");
        }
    }
}
