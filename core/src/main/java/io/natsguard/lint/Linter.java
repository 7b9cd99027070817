package io.natsguard.lint;

import com.typesafe.config.Config;
import io.natsguard.base.Position;
import io.natsguard.base.Related;
import io.natsguard.edit.Fix;
import io.natsguard.edit.Planner;
import io.natsguard.limit.Cancellation;
import io.natsguard.model.ClusterModelBuilder;
import io.natsguard.model.NatsVersion;
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
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The pipeline, in one pass: inputs, NATS config parse, cluster model, rules under a policy (each
 * finding with its related places and its fix), findings moved from Kustomize builds to their
 * source files, then suppressions and the baseline.
 */
public final class Linter {

    private static final Comparator<Finding> ORDER = Comparator.comparing((Finding f) -> f.position().file())
            .thenComparingInt(f -> f.position().line())
            .thenComparingInt(f -> f.position().column())
            .thenComparing(Finding::ruleId);

    private final Policy policy;
    private final Baseline baseline;
    private final NatsVersion statedVersion;
    /** The registry, asked once: the report carries what the outputs need of it. */
    private final List<Rule> rules = Rules.all();

    public Linter(Policy policy) {
        this(policy, null);
    }

    /** With a baseline, findings recorded in it do not count. */
    public Linter(Policy policy, Baseline baseline) {
        this(policy, baseline, null);
    }

    /** With the nats-server release the user says the servers run, for configs whose image names none (null: the newest). */
    public Linter(Policy policy, Baseline baseline, NatsVersion statedVersion) {
        this.policy = policy;
        this.baseline = baseline;
        this.statedVersion = statedVersion;
    }

    public Report lint(List<String> paths, InputStream stdin) throws InputException {
        return lint(Inputs.Request.of(paths, stdin));
    }

    public Report lint(Inputs.Request request) throws InputException {
        return lint(Inputs.read(request, policy.limits()));
    }

    /** Lints what was read: files from {@link Inputs#read}, or documents from {@link Inputs#documents}. */
    public Report lint(Inputs.Read read) {
        Targets targets = read.targets();
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
        problems.removeIf(problem -> targets.isContext(problem.position().file()));

        Map<String, String> rewritable = read.rewritable();
        List<Finding> findings = check(rewritable, rule -> context -> {
            problems.forEach(problem -> rule.checkInput(problem, context));
            model.clusters().stream().filter(targets::reports).forEach(cluster -> {
                Cancellation.checkpoint();
                RuleContext placed = withRelated(context, at -> concat(cluster.joined(), targets.namedFor(cluster, at)));
                rule.check(cluster, cluster.chart() == null ? placed : withChartFix(placed, rule.info().chartFix()));
            });
            model.units().forEach((unit, unitObjects) -> rule.checkUnit(unit, unitObjects, context));
        });
        findings = findings.stream().filter(targets::reports).toList();
        Map<String, String> texts = new HashMap<>(read.texts());
        for (Kustomize.Mapper mapper : read.kustomizeMappers()) {
            findings = findings.stream().map(f -> f.position().file().equals(mapper.buildName()) ? fromBuild(f, mapper, targets) : f).toList();
            texts.putAll(mapper.texts());
        }
        Suppressions suppressions = new Suppressions(texts, objects, policy);
        findings = new ArrayList<>(findings);
        findings.addAll(check(rewritable, rule -> context -> suppressions.marks().forEach(mark -> rule.checkSuppression(mark, context)))
                .stream().filter(targets::reports).toList());
        findings = suppressions.apply(ordered(findings));
        if (baseline != null) {
            findings = baseline.apply(findings, texts);
        }
        // The report keeps every problem met, the manifests' too (charts not rendered are counted from them).
        return new Report(findings, rules.stream().map(Rule::info).toList(), read.files(), objects.size(),
                new ClusterModelBuilder.Model(model.clusters(), problems, model.units()), texts);
    }

    /**
     * A finding of a Kustomize build, moved to the source file that holds its line. One that lands
     * outside the kustomization's folder, in a base several overlays share, names the overlay it was
     * found through (the same finding of several overlays becomes one, naming them all: {@link #ordered}).
     */
    private static Finding fromBuild(Finding finding, Kustomize.Mapper mapper, Targets targets) {
        Finding moved = finding.moved(mapper::map);
        Position kustomization = mapper.kustomization();
        Path folder = Path.of(kustomization.file()).toAbsolutePath().normalize().getParent();
        List<Related> notes = new ArrayList<>(targets.namedFor(mapper.buildName(), moved.position()));
        if (!Path.of(moved.position().file()).toAbsolutePath().normalize().startsWith(folder)) {
            notes.add(new Related(kustomization, "found through the build of kustomization " + Path.of(kustomization.file()).getParent()));
        }
        return notes.isEmpty() ? moved : moved.withRelated(concat(moved.related(), notes));
    }

    private static List<Related> concat(List<Related> first, List<Related> then) {
        if (then.isEmpty()) {
            return first;
        }
        List<Related> all = new ArrayList<>(first);
        then.stream().filter(r -> !all.contains(r)).forEach(all::add);
        return all;
    }

    /** What a rule is shown, given the context it reports into. */
    private interface Pass {
        java.util.function.Consumer<RuleContext> forRule(Rule rule);
    }

    /** Runs every enabled rule over one pass of input, at the policy's severity; fixes are planned in {@code rewritable}. */
    private List<Finding> check(Map<String, String> rewritable, Pass pass) {
        List<Finding> findings = new ArrayList<>();
        for (Rule rule : rules) {
            Policy.RuleSettings settings = policy.settings(rule);
            if (!settings.enabled()) {
                continue;
            }
            String id = rule.info().id();
            Planner planner = new Planner(rewritable, id);
            pass.forRule(rule).accept(new RuleContext() {
                @Override
                public Config params() {
                    return settings.params();
                }

                @Override
                public void report(Position position, String message, List<Related> related, Fix fix) {
                    findings.add(new Finding(id, settings.severity(), position, message, related, fix, null));
                }

                @Override
                public Planner planner() {
                    return planner;
                }

                @Override
                public Optional<NatsVersion> statedNatsVersion() {
                    return Optional.ofNullable(statedVersion);
                }
            });
        }
        return findings;
    }

    /** On a cluster the official NATS chart makes, each message ends with how to fix it in the chart's values (the rule's chartFix). */
    private static RuleContext withChartFix(RuleContext context, String chartFix) {
        if (chartFix.isEmpty()) {
            return context;
        }
        return relaying(context, (to, position, message, related, fix) -> to.report(position, message + " With the NATS chart: " + chartFix,
                related, fix));
    }

    /** Every finding reported through the context also points at the places {@code more} gives for its position. */
    private static RuleContext withRelated(RuleContext context, Function<Position, List<Related>> more) {
        return relaying(context, (to, position, message, related, fix) -> to.report(position, message,
                concat(related, more.apply(position)), fix));
    }

    /** A finding on its way to the context it is reported into, changed by a decorator first. */
    private interface Relay {
        void report(RuleContext to, Position position, String message, List<Related> related, Fix fix);
    }

    /** The context with each report passed through {@code relay}; the rule's parameters and planner unchanged. */
    private static RuleContext relaying(RuleContext context, Relay relay) {
        return new RuleContext() {
            @Override
            public Config params() {
                return context.params();
            }

            @Override
            public void report(Position position, String message, List<Related> related, Fix fix) {
                relay.report(context, position, message, related, fix);
            }

            @Override
            public Planner planner() {
                return context.planner();
            }

            @Override
            public Optional<NatsVersion> statedNatsVersion() {
                return context.statedNatsVersion();
            }
        };
    }

    /**
     * In file, line, column order; a finding reached twice (a ConfigMap mounted by two workloads, a
     * base built by two overlays) is kept once, with the related places of each.
     */
    private static List<Finding> ordered(List<Finding> findings) {
        Map<List<Object>, Finding> unique = new LinkedHashMap<>();
        for (Finding f : findings) {
            unique.merge(List.of(f.ruleId(), f.severity(), f.position(), f.message()), f,
                    (first, again) -> first.withRelated(concat(first.related(), again.related())));
        }
        List<Finding> sorted = new ArrayList<>(unique.values());
        sorted.sort(ORDER);
        return sorted;
    }
}
