package io.natsguard.report;

/**
 * Why a finding does not count: a {@code natsguard:ignore} comment or a {@code natsguard.io/ignore-*}
 * annotation (in source), a policy exemption (external), or an entry of the baseline.
 */
public record Suppression(Kind kind, String reason) {

    public enum Kind {
        /** A comment in the config or an annotation on the object. */
        IN_SOURCE,
        /** An exemption in the policy. */
        POLICY,
        /** Recorded in the baseline: it was there before. */
        BASELINE
    }
}
