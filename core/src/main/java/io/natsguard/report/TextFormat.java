package io.natsguard.report;

import io.natsguard.base.Redactor;
import io.natsguard.base.Severity;
import io.natsguard.base.Visible;
import io.natsguard.source.InputProblem;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code FILE:LINE:COL: SEVERITY [RULE-ID] MESSAGE (see FILE:LINE:COL)}, one finding a line (the places
 * in parentheses are its related ones, when it has any), then a summary line; control
 * characters of file names and messages are shown as escapes ({@link Visible}), so a line is a finding.
 */
public final class TextFormat implements ReportFormat {

    @Override
    public void write(Report report, OutputStream out) throws IOException {
        PrintStream print = new PrintStream(out, false, StandardCharsets.UTF_8);
        for (Finding f : report.findings()) {
            print.println(line(f));
        }
        print.println(summary(report));
        print.flush();
    }

    /** One finding; the file name and message, taken from input, with control characters made visible. */
    static String line(Finding f) {
        return Visible.of(f.position() + ": " + f.severity().label() + " [" + f.ruleId() + "] " + told(f));
    }

    /** The message, then the places it points at: {@code MESSAGE (see FILE:LINE:COL, ...)}. */
    static String told(Finding f) {
        if (f.related().isEmpty()) {
            return f.message();
        }
        return f.message() + " (see " + f.related().stream().map(r -> r.position().toString()).collect(Collectors.joining(", ")) + ")";
    }

    static String summary(Report report) {
        String counts = report.findings().isEmpty() ? "no findings"
                : plural(report.count(Severity.ERROR), "error") + ", " + plural(report.count(Severity.WARNING), "warning")
                        + (report.count(Severity.INFO) > 0 ? ", " + plural(report.count(Severity.INFO), "note") : "");
        long suppressed = report.suppressed(Suppression.Kind.IN_SOURCE) + report.suppressed(Suppression.Kind.POLICY);
        long baseline = report.suppressed(Suppression.Kind.BASELINE);
        String quiet = (suppressed > 0 ? ", " + suppressed + " suppressed" : "") + (baseline > 0 ? ", " + baseline + " in the baseline" : "");
        List<String> skipped = new ArrayList<>();
        int notNats = report.skipped(InputProblem.Kind.NOT_NATS).size();
        if (notNats > 0) {
            skipped.add(plural(notNats, ".conf file") + (notNats == 1 ? " is" : " are") + " not NATS configuration");
        }
        int notRendered = report.skipped(InputProblem.Kind.NOT_RENDERED).size();
        if (notRendered > 0) {
            skipped.add(plural(notRendered, "Helm chart") + (notRendered == 1 ? " is" : " are") + " not rendered");
        }
        return "natsguard: " + counts + quiet + " (" + plural(report.files(), "file") + ", " + plural(report.objects(), "object")
                + ", " + plural(report.clusters(), "NATS config") + " checked)"
                + (skipped.isEmpty() ? "" : "; " + String.join(", ", skipped) + " (--verbose says why)");
    }

    /** What --verbose adds: each file read but not checked with no finding to say so, and why. */
    public static List<String> skippedLines(Report report) {
        List<String> lines = new ArrayList<>();
        report.skipped(InputProblem.Kind.NOT_NATS).forEach(skip ->
                lines.add(skip.position().file() + ": not checked, not NATS configuration: it " + skip.message()));
        report.skipped(InputProblem.Kind.NOT_RENDERED).forEach(skip ->
                lines.add(skip.position().file() + ": not checked, a Helm chart that is not rendered: " + skip.message()));
        // Helm's error text may quote values: redacted, as every message is
        return lines.stream().map(line -> Visible.of(Redactor.redact(line))).toList();
    }

    static String plural(long n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }
}
