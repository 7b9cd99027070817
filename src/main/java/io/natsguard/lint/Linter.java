package io.natsguard.lint;

import com.typesafe.config.Config;
import io.natsguard.conf.Position;
import io.natsguard.model.Cluster;
import io.natsguard.model.ClusterModelBuilder;
import io.natsguard.policy.Policy;
import io.natsguard.report.Finding;
import io.natsguard.rule.InputProblem;
import io.natsguard.rule.Rule;
import io.natsguard.rule.RuleContext;
import io.natsguard.rule.Rules;
import io.natsguard.source.ManifestReader;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The pipeline: inputs, NATS config parse, cluster model, rules under a policy, findings. */
public final class Linter {

    private final Policy policy;

    public Linter(Policy policy) {
        this.policy = policy;
    }

    public Report lint(List<String> paths, InputStream stdin) throws InputException {
        Inputs.Read read = Inputs.read(paths, stdin);
        ClusterModelBuilder builder = new ClusterModelBuilder();
        List<InputProblem> problems = new ArrayList<>();
        int objects = 0;
        for (ManifestReader.Result manifest : read.manifests()) {
            builder.addObjects(manifest.objects());
            objects += manifest.objects().size();
            if (manifest.problem() != null) {
                problems.add(new InputProblem(manifest.problem().position(), manifest.problem().message()));
            }
        }
        read.confFiles().forEach(builder::addConfFile);
        ClusterModelBuilder.Model model = builder.build();
        model.problems().forEach(p -> problems.add(new InputProblem(p.position(), p.message())));
        return new Report(check(model.clusters(), problems), read.files(), objects, model.clusters().size());
    }

    /** Runs every enabled rule; a finding reached twice (a ConfigMap mounted by two workloads) is kept once. */
    List<Finding> check(List<Cluster> clusters, List<InputProblem> problems) {
        Set<Finding> findings = new LinkedHashSet<>();
        for (Rule rule : Rules.all()) {
            Policy.RuleSettings settings = policy.settings(rule);
            if (!settings.enabled()) {
                continue;
            }
            RuleContext context = new RuleContext() {
                @Override
                public Config params() {
                    return settings.params();
                }

                @Override
                public void report(Position position, String message) {
                    findings.add(new Finding(rule.info().id(), settings.severity(), position, message));
                }
            };
            problems.forEach(problem -> rule.checkInput(problem, context));
            clusters.forEach(cluster -> rule.check(cluster, context));
        }
        List<Finding> sorted = new ArrayList<>(findings);
        sorted.sort(Comparator.comparing((Finding f) -> f.position().file())
                .thenComparingInt(f -> f.position().line())
                .thenComparingInt(f -> f.position().column())
                .thenComparing(Finding::ruleId));
        return sorted;
    }
}
