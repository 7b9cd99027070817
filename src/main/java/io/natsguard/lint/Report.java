package io.natsguard.lint;

import io.natsguard.report.Finding;
import io.natsguard.report.Severity;
import java.util.List;

/**
 * The outcome of a lint run: the findings in file, line, column order, and what was looked at.
 *
 * @param findings the findings
 * @param files    files read
 * @param objects  Kubernetes objects read
 * @param clusters clusters and configs checked
 */
public record Report(List<Finding> findings, int files, int objects, int clusters) {

    public long count(Severity severity) {
        return findings.stream().filter(f -> f.severity() == severity).count();
    }

    /** Whether a finding is at or above the threshold (null: never). */
    public boolean fails(Severity threshold) {
        return threshold != null && findings.stream().anyMatch(f -> f.severity().compareTo(threshold) >= 0);
    }
}
