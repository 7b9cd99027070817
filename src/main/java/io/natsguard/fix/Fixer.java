package io.natsguard.fix;

import com.typesafe.config.Config;
import io.natsguard.base.Position;
import io.natsguard.lint.Inputs;
import io.natsguard.lint.Linter;
import io.natsguard.model.Cluster;
import io.natsguard.policy.Policy;
import io.natsguard.report.Finding;
import io.natsguard.report.Report;
import io.natsguard.rule.Fixable;
import io.natsguard.rule.Rule;
import io.natsguard.rule.RuleContext;
import io.natsguard.rule.Rules;
import io.natsguard.source.HelmValues;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code natsguard fix}'s core: lints what was read, and for every finding that counts of a rule
 * with an automatic fix, plans the edit that fixes it where the user wrote the value. Files are
 * not touched here: the plan says, per file, its text before and after.
 */
public final class Fixer {

    /** One file's text before and after, and the edits made. */
    public record FileChange(String file, String before, String after, List<Edit> edits) {

        /** The 1-based line, in the file as it was, where an edit starts. */
        public int lineOf(Edit edit) {
            return ConfText.lineOf(before, edit.start());
        }
    }

    /**
     * @param changes  the files to rewrite
     * @param refused  fixes that cannot be made where the value is written, with what to do instead
     * @param findings the lint findings that count, fixable or not
     * @param fixed    the findings the plan fixes
     */
    public record Plan(List<FileChange> changes, List<String> refused, List<Finding> findings, Set<Finding> fixed) {
    }

    private final Policy policy;

    public Fixer(Policy policy) {
        this.policy = policy;
    }

    public Plan plan(Inputs.Read read) {
        Report report = new Linter(policy).lint(read);
        Set<String> counted = new HashSet<>();
        report.findings().forEach(f -> counted.add(f.ruleId() + "@" + f.position()));
        List<HelmValues> charts = new ArrayList<>(read.chartValues());
        charts.addAll(HelmValues.find(read.manifests().stream().flatMap(manifest -> manifest.objects().stream()).toList(),
                read.scope(), policy.limits()));
        Planner planner = new Planner(read.texts(), charts);
        Set<Finding> fixed = new HashSet<>();
        for (Cluster cluster : read.model(policy.limits()).clusters()) {
            for (Rule rule : Rules.all()) {
                if (!(rule instanceof Fixable fixable) || !policy.settings(rule).enabled()) {
                    continue;
                }
                List<Position> reported = reported(rule, cluster);
                if (reported.stream().anyMatch(p -> counted.contains(rule.info().id() + "@" + p))) {
                    int editsBefore = planner.edits().size();
                    planner.forRule(rule.info().id());
                    fixable.fix(cluster, planner);
                    if (planner.edits().size() > editsBefore) {
                        report.findings().stream().filter(f -> f.ruleId().equals(rule.info().id()) && reported.contains(f.position()))
                                .forEach(fixed::add);
                    }
                }
            }
        }
        return new Plan(apply(read.texts(), planner.edits()), planner.refused(), report.findings(), fixed);
    }

    /** The positions a rule reports on one cluster, as the linter would, under the policy's parameters. */
    private List<Position> reported(Rule rule, Cluster cluster) {
        List<Position> positions = new ArrayList<>();
        Config params = policy.settings(rule).params();
        rule.check(cluster, new RuleContext() {
            @Override
            public Config params() {
                return params;
            }

            @Override
            public void report(Position position, String message) {
                positions.add(position);
            }
        });
        return positions;
    }

    /** Edits applied per file, last first; an edit that overlaps one already taken is dropped (two rules, one list). */
    private static List<FileChange> apply(Map<String, String> texts, List<Edit> edits) {
        Map<String, List<Edit>> byFile = new LinkedHashMap<>();
        for (Edit edit : edits) {
            List<Edit> taken = byFile.computeIfAbsent(edit.file(), f -> new ArrayList<>());
            if (taken.stream().noneMatch(edit::overlaps)) {
                taken.add(edit);
            }
        }
        List<FileChange> changes = new ArrayList<>();
        byFile.forEach((file, fileEdits) -> {
            String before = texts.get(file);
            StringBuilder after = new StringBuilder(before);
            fileEdits.stream().sorted(Comparator.comparingInt(Edit::start).reversed())
                    .forEach(e -> after.replace(e.start(), e.end(), e.replacement()));
            changes.add(new FileChange(file, before, after.toString(), List.copyOf(fileEdits)));
        });
        return changes;
    }
}
