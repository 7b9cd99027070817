package io.natsguard.rule;

import com.google.auto.service.AutoService;
import io.natsguard.base.Severity;
import io.natsguard.model.Cluster;
import io.natsguard.model.NatsConfig;
import io.natsguard.source.InputProblem;

@AutoService(Rule.class)
@RuleInfo(id = "limit-exceeded", severity = Severity.ERROR,
        title = "Input past one of natsguard's bounds, or outside what it may read (the scanned work tree, no network)",
        rationale = "Includes that include each other twice per level, variables that reference each other twice per "
                + "level, a file of hundreds of megabytes or a cluster of a million replicas make exponential or "
                + "unbounded work from a few bytes: nats-server would choke on such a config too. natsguard stops "
                + "there. It reads no file outside the scanned git work tree (an include of ../../proc/self/environ in a "
                + "pull request must not print the runner's secrets) and fetches nothing over the network (a remote "
                + "Kustomize base would make CI request what the author chose). What it did not read was not checked.",
        fix = "Keep configs and the files they include small and inside the repository. When a real config needs "
                + "more, raise the bound the message names in the policy's limits { } block (docs/security.md); a "
                + "remote base you reviewed can be kept with # natsguard:ignore limit-exceeded REASON on its line.")
public final class LimitExceeded implements Rule {

    @Override
    public void check(Cluster cluster, RuleContext context) {
        NatsConfig config = cluster.config();
        if (config != null && config.error() != null && config.error().limitExceeded()) {
            context.report(config.locate(config.error().position()), config.error().getMessage() + ": not checked further.");
        }
    }

    @Override
    public void checkInput(InputProblem problem, RuleContext context) {
        if (problem.kind() == InputProblem.Kind.LIMIT) {
            context.report(problem.position(), problem.message() + ": not checked further.");
        }
    }
}
