package io.natsguard.fix;

import io.natsguard.edit.ConfText;
import io.natsguard.edit.Edit;
import io.natsguard.edit.Fix;
import io.natsguard.lint.Inputs;
import io.natsguard.lint.Linter;
import io.natsguard.policy.Policy;
import io.natsguard.report.Finding;
import io.natsguard.report.Report;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code natsguard fix}'s core: lints what was read, and takes the edits that the findings that
 * count carry (each rule plans its fix where the user wrote the value when it reports). Files are
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
     * @param changes the files to rewrite
     * @param refused fixes that cannot be made where the value is written, with what to do instead
     * @param report  the lint report the plan was made from: its findings that count, fixable or not
     * @param fixed   the findings the plan fixes
     */
    public record Plan(List<FileChange> changes, List<String> refused, Report report, Set<Finding> fixed) {
    }

    private final Policy policy;

    public Fixer(Policy policy) {
        this.policy = policy;
    }

    public Plan plan(Inputs.Read read) {
        Report report = new Linter(policy).lint(read);
        List<Edit> edits = new ArrayList<>();
        Set<String> refused = new LinkedHashSet<>();
        Set<Finding> fixed = new HashSet<>();
        for (Finding finding : report.findings()) {
            Fix fix = finding.fix();
            edits.addAll(fix.edits());
            fix.refused().forEach(refusal -> refused.add(refusal.describe()));
            if (!fix.edits().isEmpty()) {
                fixed.add(finding);
            }
        }
        return new Plan(apply(report.texts(), edits), List.copyOf(refused), report, fixed);
    }

    /**
     * Edits applied per file, last first; an edit that overlaps one already taken is dropped (two
     * findings, one list: the same edit).
     */
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
