package io.natsguard.report;

import io.natsguard.base.Severity;
import io.natsguard.model.ClusterModelBuilder;
import io.natsguard.rule.RuleInfo;
import io.natsguard.source.InputProblem;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outcome of a lint run: every finding in file, line, column order (suppressed ones included,
 * marked), the rules that ran with their metadata, and what was looked at.
 *
 * @param all     the findings, suppressed ones included
 * @param rules   the metadata of every rule, in id order: the outputs need no registry
 * @param files   files read
 * @param objects Kubernetes objects read
 * @param model   the clusters built from what was read, and the problems met: nothing downstream reads again
 * @param texts   the text of every file read, by name (for baseline fingerprints and fixes)
 */
public record Report(List<Finding> all, List<RuleInfo> rules, int files, int objects, ClusterModelBuilder.Model model,
        Map<String, String> texts) {

    /** The findings that count: not suppressed, not in the baseline. */
    public List<Finding> findings() {
        return all.stream().filter(Finding::counts).toList();
    }

    /** The rules' metadata by id. */
    public Map<String, RuleInfo> rulesById() {
        Map<String, RuleInfo> byId = new LinkedHashMap<>();
        rules.forEach(rule -> byId.put(rule.id(), rule));
        return byId;
    }

    /** Clusters and configs checked. */
    public int clusters() {
        return model.clusters().size();
    }

    /**
     * What was read but not checked, with no finding to say so: .conf files that are not NATS
     * configuration, charts Helm cannot render. Counted in the summary, listed with why under --verbose.
     */
    public List<InputProblem> skipped(InputProblem.Kind kind) {
        return model.problems().stream().filter(problem -> problem.kind() == kind).toList();
    }

    public long count(Severity severity) {
        return findings().stream().filter(f -> f.severity() == severity).count();
    }

    public long suppressed(Suppression.Kind kind) {
        return all.stream().filter(f -> f.suppression() != null && f.suppression().kind() == kind).count();
    }

    /** Whether a finding that counts is at or above the threshold (null: never). */
    public boolean fails(Severity threshold) {
        return threshold != null && findings().stream().anyMatch(f -> f.severity().compareTo(threshold) >= 0);
    }
}
