package io.natsguard.webhook;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What {@code /q/metrics} counts about reviews. Every label value comes from a closed set: a
 * review's kind and operation are whatever its sender wrote, and one time series per distinct
 * string would let anyone grow the metrics (and the memory that holds them) without bound.
 */
final class ReviewMetrics {

    /** The operations Kubernetes sends; anything else is {@code other}. */
    static final Set<String> OPERATIONS = Set.of("CREATE", "UPDATE", "DELETE", "CONNECT");
    /** The kinds natsguard judges (those of the webhook configuration's rules); anything else is {@code other}. */
    static final Set<String> KINDS = Set.of("ConfigMap", "Secret", "Pod", "StatefulSet", "Deployment", "Scale", "HelmRelease",
            "Application");
    static final String OTHER = "other";

    private final MeterRegistry metrics;

    ReviewMetrics(MeterRegistry metrics) {
        this.metrics = metrics;
    }

    static String kind(String kind) {
        return KINDS.contains(kind) ? kind : OTHER;
    }

    static String operation(String operation) {
        return OPERATIONS.contains(operation) ? operation : OTHER;
    }

    /** natsguard_review_seconds by kind, operation, allowed, dry_run; natsguard_findings by rule (rule ids are natsguard's own). */
    void answered(AdmissionReviewer.Answer answer, long nanos) {
        if (answer.kind() == null) {
            metrics.counter("natsguard.bad.requests").increment();
            return;
        }
        Timer.builder("natsguard.review").description("AdmissionReviews answered")
                .tags("kind", kind(answer.kind()), "operation", operation(answer.operation()), "allowed", Boolean.toString(answer.allowed()),
                        "dry_run", Boolean.toString(answer.dryRun()))
                .publishPercentileHistogram().register(metrics).record(nanos, TimeUnit.NANOSECONDS);
        answer.rules().forEach(rule -> metrics.counter("natsguard.findings", "rule", rule).increment());
    }

    /** natsguard_review_body_bytes_in_flight: what {@link BodyBudget} holds reserved now. */
    void bodyBytesInFlight(AtomicLong inFlight) {
        Gauge.builder("natsguard.review.body.bytes.in.flight", inFlight, AtomicLong::get)
                .description("Request bodies of reviews let in and not yet answered").register(metrics);
    }

    /** A 503: every worker busy and the queue full, or too many request bytes in flight. */
    void overloaded() {
        metrics.counter("natsguard.overloaded").increment();
    }

    /** A request body that had not arrived by the review deadline: its connection closed, or its stream reset. */
    void bodyTimedOut() {
        metrics.counter("natsguard.review.body.timeouts").increment();
    }

    void timedOut() {
        metrics.counter("natsguard.review.timeouts").increment();
    }

    void failed() {
        metrics.counter("natsguard.review.failures").increment();
    }
}
