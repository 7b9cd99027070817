package io.natsguard.rule;

import io.natsguard.model.Cluster;

/**
 * A rule with a safe, mechanical fix ({@code natsguard fix}): given a cluster on which it reported,
 * it says what the config should hold instead; the {@link FixContext} finds where that is written
 * and whether it can be rewritten there. Its {@link RuleInfo#autofix()} says so in the docs.
 */
public interface Fixable {

    void fix(Cluster cluster, FixContext context);
}
