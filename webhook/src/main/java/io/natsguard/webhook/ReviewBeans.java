package io.natsguard.webhook;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.DefaultBean;
import io.quarkus.runtime.Startup;
import io.quarkus.runtime.configuration.ConfigurationException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Optional;

/** The plain-Java parts of the review path, made once for the application from its configuration. */
@ApplicationScoped
class ReviewBeans {

    /** Made at start, so that settings that leave lookups no time stop the start, not a review. */
    @Produces
    @Singleton
    @Startup
    AdmissionReviewer reviewer(LoadedPolicy policy, WebhookConfig config, Instance<KubernetesClient> kubernetes) {
        if (!config.lookups().enabled()) {
            return new AdmissionReviewer(policy.get(), Optional.empty());
        }
        Duration budget = lookupBudget(config.review().deadline(), config.lookups().timeout());
        // The client is only made when lookups are on: outside a cluster there is no API to configure it from.
        return new AdmissionReviewer(policy.get(), Optional.of(new RelatedObjects(new KubernetesObjectLookup(kubernetes.get()), budget)));
    }

    /**
     * How long after its first lookup a review may start another: the deadline less one call's
     * timeout for the last call and one more for judging what was found, so that a review whose
     * API is slow is checked alone before its deadline, not answered "not checked" at it.
     */
    static Duration lookupBudget(Duration deadline, Duration callTimeout) {
        Duration budget = deadline.minus(callTimeout.multipliedBy(2));
        if (budget.isNegative() || budget.isZero()) {
            throw new ConfigurationException("natsguard serve: natsguard.lookups.timeout (" + callTimeout.toMillis()
                    + " ms) leaves lookups no time within natsguard.review.deadline (" + deadline.toMillis()
                    + " ms): the deadline must be more than twice the lookup timeout");
        }
        return budget;
    }

    /** The lint core; tests put a judge they control in its place. */
    @Produces
    @Singleton
    @DefaultBean
    Judge judge(AdmissionReviewer reviewer) {
        return reviewer::judge;
    }

    @Produces
    @Singleton
    Judges judges(WebhookConfig config) {
        return new Judges(config.review().concurrency(), config.review().deadline());
    }

    void close(@Disposes Judges judges) {
        judges.close();
    }

    @Produces
    @Singleton
    ReviewMetrics metrics(MeterRegistry registry) {
        return new ReviewMetrics(registry);
    }
}
