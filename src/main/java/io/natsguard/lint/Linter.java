package io.natsguard.lint;

import com.typesafe.config.Config;
import io.natsguard.base.Position;
import io.natsguard.limit.Cancellation;
import io.natsguard.model.ClusterModelBuilder;
import io.natsguard.policy.Policy;
import io.natsguard.report.Finding;
import io.natsguard.report.Report;
import io.natsguard.rule.Rule;
import io.natsguard.rule.RuleContext;
import io.natsguard.rule.Rules;
import io.natsguard.source.InputProblem;
import io.natsguard.source.KubeObject;
import io.natsguard.source.Kustomize;
import io.natsguard.source.ManifestReader;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The pipeline: inputs, NATS config parse, cluster model, rules under a policy, findings moved
 * from Kustomize builds to their source files, then suppressions and the baseline.
 */
public final class Linter {

    private static final Comparator<Finding> ORDER = Comparator.comparing((Finding f) -> f.position().file())
            .thenComparingInt(f -> f.position().line())
            .thenComparingInt(f -> f.position().column())
            .thenComparing(Finding::ruleId);

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
        return lint(Inputs.Request.of(paths, stdin));
    }

    public Report lint(Inputs.Request request) throws InputException {
        return lint(Inputs.read(request, policy.limits()));
    }

    /** Lints what was read: files from {@link Inputs#read}, or documents from {@link Inputs#documents}. */
    public Report lint(Inputs.Read read) {
        List<InputProblem> problems = new ArrayList<>();
        List<KubeObject> objects = new ArrayList<>();
        for (ManifestReader.Result manifest : read.manifests()) {
            objects.addAll(manifest.objects());
            if (manifest.problem() != null) {
                problems.add(manifest.problem());
            }
        }
        ClusterModelBuilder.Model model = read.model(policy.limits());
        problems.addAll(model.problems());

        List<Finding> findings = check(rule -> context -> {
            problems.forEach(problem -> rule.checkInput(problem, context));
            model.clusters().forEach(cluster -> {
                Cancellation.checkpoint();
                rule.check(cluster, advised(context, cluster.advice().get(rule.info().id())));
            });
        });
        Map<String, String> texts = new HashMap<>(read.texts());
        for (Kustomize.Mapper mapper : read.kustomizeMappers()) {
            findings = findings.stream().map(f -> f.at(mapper.map(f.position()), mapper.mapText(f.message()))).toList();
            texts.putAll(mapper.texts());
        }
        Suppressions suppressions = new Suppressions(texts, objects, policy);
        findings = new ArrayList<>(findings);
        findings.addAll(check(rule -> context -> suppressions.marks().forEach(mark -> rule.checkSuppression(mark, context))));
        findings = suppressions.apply(ordered(findings));
        if (baseline != null) {
            findings = baseline.apply(findings, texts);
        }
        return new Report(findings, read.files(), objects.size(), model.clusters().size(), texts);
    }

    /** What a rule is shown, given the context it reports into. */
    private interface Pass {
        java.util.function.Consumer<RuleContext> forRule(Rule rule);
    }

    /** Runs every enabled rule over one pass of input, at the policy's severity. */
    private List<Finding> check(Pass pass) {
        List<Finding> findings = new ArrayList<>();
        for (Rule rule : Rules.all()) {
            Policy.RuleSettings settings = policy.settings(rule);
            if (!settings.enabled()) {
                continue;
            }
            pass.forRule(rule).accept(new RuleContext() {
                @Override
                public Config params() {
                    return settings.params();
                }

                @Override
                public void report(Position position, String message) {
                    findings.add(new Finding(rule.info().id(), settings.severity(), position, message));
                }
            });
        }
        return findings;
    }

    /** A context that adds the cluster's advice for the rule to each message (the chart's fix). */
    private static RuleContext advised(RuleContext context, String advice) {
        if (advice == null) {
            return context;
        }
        return new RuleContext() {
            @Override
            public Config params() {
                return context.params();
            }

            @Override
            public void report(Position position, String message) {
                context.report(position, message + " " + advice);
            }
        };
    }

    /** In file, line, column order; a finding reached twice (a ConfigMap mounted by two workloads) is kept once. */
    private static List<Finding> ordered(List<Finding> findings) {
        Set<Finding> unique = new LinkedHashSet<>(findings);
        List<Finding> sorted = new ArrayList<>(unique);
        sorted.sort(ORDER);
        return sorted;
    }
}
