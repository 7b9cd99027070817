package io.natsguard.lint;

import io.natsguard.base.Position;
import io.natsguard.policy.Policy;
import io.natsguard.report.Finding;
import io.natsguard.report.Suppression;
import io.natsguard.rule.SuppressionMark;
import io.natsguard.source.KubeObject;
import io.natsguard.source.Yaml;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.NodeTuple;

/**
 * Finds the requests to ignore rules and applies them: a comment {@code natsguard:ignore RULE REASON}
 * on the finding's line or the line before (NATS conf, YAML, or conf inside a YAML block scalar), an
 * annotation {@code natsguard.io/ignore-RULE: "REASON"} on the object the finding is in, and the
 * policy's exemptions. A request without a reason suppresses nothing.
 */
final class Suppressions {

    static final String ANNOTATION_PREFIX = "natsguard.io/ignore-";
    private static final Pattern COMMENT = Pattern.compile("(?:#|//)\\s*natsguard:ignore(?:\\s+([^\\s]+))?(?:\\s+(.*))?$");

    /** A mark and the lines it covers. */
    private record Scope(SuppressionMark mark, String file, int firstLine, int lastLine) {
    }

    private final List<Scope> scopes = new ArrayList<>();
    private final List<KubeObject> objects;
    private final Policy policy;

    Suppressions(Map<String, String> texts, List<KubeObject> objects, Policy policy) {
        this.objects = objects;
        this.policy = policy;
        texts.forEach(this::collectComments);
        if (policy.annotationSuppressions()) {
            objects.forEach(this::collectAnnotations);
        }
    }

    List<SuppressionMark> marks() {
        return scopes.stream().map(Scope::mark).toList();
    }

    private void collectComments(String file, String text) {
        if (!text.contains("natsguard:ignore")) {
            return;
        }
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            Matcher m = COMMENT.matcher(lines[i]);
            if (m.find()) {
                String rule = m.group(1) == null ? "" : m.group(1);
                String reason = m.group(2) == null ? "" : m.group(2).strip();
                Position at = new Position(file, i + 1, m.start() + 1);
                scopes.add(new Scope(new SuppressionMark(rule, reason, at, false), file, i + 1, i + 2));
            }
        }
    }

    private void collectAnnotations(KubeObject object) {
        Yaml.at(object.node(), "metadata", "annotations").ifPresent(annotations -> {
            for (NodeTuple entry : Yaml.entries(annotations)) {
                String key = Yaml.keyOf(entry);
                if (key.startsWith(ANNOTATION_PREFIX)) {
                    String reason = object.annotations().getOrDefault(key, "").strip();
                    SuppressionMark mark = new SuppressionMark(key.substring(ANNOTATION_PREFIX.length()), reason,
                            object.positionOf(entry.getKeyNode()), true);
                    scopes.add(new Scope(mark, object.file(), firstLine(object), lastLine(object)));
                }
            }
        });
    }

    /** The findings, each marked with what suppresses it, if anything does. */
    List<Finding> apply(List<Finding> findings) {
        List<Finding> result = new ArrayList<>(findings.size());
        for (Finding f : findings) {
            result.add(suppress(f));
        }
        return result;
    }

    private Finding suppress(Finding f) {
        for (Scope scope : scopes) {
            SuppressionMark mark = scope.mark();
            if (mark.ruleId().equals(f.ruleId()) && !mark.reason().isBlank() && covers(scope, f.position())) {
                return f.suppressed(new Suppression(Suppression.Kind.IN_SOURCE, mark.reason()));
            }
        }
        for (Policy.Exemption exemption : policy.exemptions()) {
            if (exemption.covers(f.ruleId())) {
                for (KubeObject object : objects) {
                    if (exemption.matches(object.namespace(), object.name()) && contains(object, f.position())) {
                        return f.suppressed(new Suppression(Suppression.Kind.POLICY, exemption.reason()));
                    }
                }
            }
        }
        return f;
    }

    private static boolean covers(Scope scope, Position at) {
        return scope.file().equals(at.file()) && at.line() >= scope.firstLine() && at.line() <= scope.lastLine();
    }

    private static boolean contains(KubeObject object, Position at) {
        return object.file().equals(at.file()) && at.line() >= firstLine(object) && at.line() <= lastLine(object);
    }

    private static int firstLine(KubeObject object) {
        return object.node().getStartMark().getLine() + 1;
    }

    private static int lastLine(KubeObject object) {
        return object.node().getEndMark().getLine() + 1;
    }
}
