package io.natsguard.rule;

import io.natsguard.base.Severity;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A rule's metadata, written once on its class: the docs, SARIF and --help are made from it. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface RuleInfo {

    /** The stable id, e.g. "routes-single-dns-name". */
    String id();

    /** One line: what is wrong. */
    String title();

    /** The default severity; the policy may change it. */
    Severity severity();

    /** Why it matters. */
    String rationale();

    /** What to do about it. */
    String fix();

    /** Whether {@code natsguard fix} applies the fix itself (the rule's findings then carry their edits). */
    boolean autofix() default false;

    /**
     * How to fix it in the values of the official NATS chart (and which of its defaults is at fault),
     * told after "With the NATS chart:" in the findings on a cluster the chart makes; empty when the
     * chart has nothing to add.
     */
    String chartFix() default "";
}
