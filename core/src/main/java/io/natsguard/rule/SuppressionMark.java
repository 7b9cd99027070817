package io.natsguard.rule;

import io.natsguard.base.Position;

/**
 * A request to ignore a rule: a {@code # natsguard:ignore RULE REASON} comment, or a
 * {@code natsguard.io/ignore-RULE: "REASON"} annotation.
 *
 * @param ruleId     the rule it silences
 * @param reason     why (blank when none was given)
 * @param position   where it is written
 * @param annotation true for an object annotation, false for a comment
 */
public record SuppressionMark(String ruleId, String reason, Position position, boolean annotation) {
}
