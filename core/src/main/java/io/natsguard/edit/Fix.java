package io.natsguard.edit;

import io.natsguard.base.Position;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * What a finding's rule proposes to fix it, as Error Prone attaches a suggested fix to its
 * diagnostic: the edits of the text the user wrote, and the places where the fix cannot be written
 * (with what to do instead). {@link #NONE} when the rule has no fix for the finding.
 */
public record Fix(List<Edit> edits, List<Refusal> refused) {

    public static final Fix NONE = new Fix(List.of(), List.of());

    /** A fix that cannot be made at {@code position} (null when the place is unknown), and why. */
    public record Refusal(Position position, String rule, String why) {

        /** {@code FILE:LINE: RULE: not fixed: WHY}, as natsguard fix prints it. */
        public String describe() {
            return (position == null ? "" : position.file() + ":" + position.line() + ": ") + rule + ": not fixed: " + why;
        }
    }

    static Fix of(Edit edit) {
        return new Fix(List.of(edit), List.of());
    }

    static Fix refused(Position at, String rule, String why) {
        return new Fix(List.of(), List.of(new Refusal(at, rule, why)));
    }

    /** Both fixes' edits and refusals. */
    Fix and(Fix other) {
        List<Edit> allEdits = new ArrayList<>(edits);
        allEdits.addAll(other.edits);
        List<Refusal> allRefused = new ArrayList<>(refused);
        allRefused.addAll(other.refused);
        return new Fix(List.copyOf(allEdits), List.copyOf(allRefused));
    }

    /**
     * The same fix with its refusals moved as their file's positions are (a Kustomize build's lines to
     * its sources); edits are offsets in files natsguard read, which a build's positions never name.
     */
    public Fix moved(UnaryOperator<Position> map) {
        if (refused.isEmpty()) {
            return this;
        }
        return new Fix(edits, refused.stream().map(r -> new Refusal(r.position() == null ? null : map.apply(r.position()), r.rule(), r.why()))
                .toList());
    }
}
