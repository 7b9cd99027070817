package io.natsguard.lint;

import com.typesafe.config.Config;
import io.natsguard.conf.Position;
import io.natsguard.model.Cluster;
import io.natsguard.model.ClusterModelBuilder;
import io.natsguard.policy.Policy;
import io.natsguard.report.Finding;
import io.natsguard.rule.InputProblem;
import io.natsguard.rule.SuppressionMark;
import io.natsguard.rule.Rule;
import io.natsguard.rule.RuleContext;
import io.natsguard.rule.Rules;
import io.natsguard.source.KubeObject;
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
    private final Baseline baseline;

    public Linter(Policy policy) {
        this(policy, null);
    }

    /** With a baseline, findings recorded in it do not count. */
    public Linter(Policy policy, Baseline baseline) {
        this.policy = policy;
        this.baseline = baseline;
    }

    public Report lint(List<String> paths, InputStream stdin) throws InputException {
        return lint(Inputs.read(paths, stdin));
    }

    private Report lint(Inputs.Read read) {
        ClusterModelBuilder builder = new ClusterModelBuilder();
        List<InputProblem> problems = new ArrayList<>();
        List<KubeObject> objects = new ArrayList<>();
        for (ManifestReader.Result manifest : read.manifests()) {
            builder.addObjects(manifest.objects());
            objects.addAll(manifest.objects());
            if (manifest.problem() != null) {
                problems.add(new InputProblem(manifest.problem().position(), manifest.problem().message()));
            }
        }
        read.confFiles().forEach(builder::addConfFile);
        ClusterModelBuilder.Model model = builder.build();
        model.problems().forEach(p -> problems.add(new InputProblem(p.position(), p.message())));
        Suppressions suppressions = new Suppressions(read.texts(), objects, policy);
        List<Finding> findings = suppressions.apply(check(model.clusters(), problems, suppressions.marks()));
        if (baseline != null) {
            findings = baseline.apply(findings, read.texts());
        }
        return new Report(findings, read.files(), objects.size(), model.clusters().size(), read.texts());
    }

    /** Runs every enabled rule; a finding reached twice (a ConfigMap mounted by two workloads) is kept once. */
    List<Finding> check(List<Cluster> clusters, List<InputProblem> problems, List<SuppressionMark> marks) {
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
            marks.forEach(mark -> rule.checkSuppression(mark, context));
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
