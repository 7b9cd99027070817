package io.natsguard.report;

import io.natsguard.base.Severity;
import io.natsguard.report.Finding;
import io.natsguard.report.Suppression;
import java.util.List;
import java.util.Map;

/**
 * The outcome of a lint run: every finding in file, line, column order (suppressed ones included,
 * marked), and what was looked at.
 *
 * @param all      the findings, suppressed ones included
 * @param files    files read
 * @param objects  Kubernetes objects read
 * @param clusters clusters and configs checked
 * @param texts    the text of every file read, by name (for baseline fingerprints)
 */
public record Report(List<Finding> all, int files, int objects, int clusters, Map<String, String> texts) {

    /** The findings that count: not suppressed, not in the baseline. */
    public List<Finding> findings() {
        return all.stream().filter(Finding::counts).toList();
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
