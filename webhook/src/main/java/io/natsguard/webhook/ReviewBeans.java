package io.natsguard.webhook;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.Optional;

/** The plain-Java parts of the review path, made once for the application from its configuration. */
@ApplicationScoped
class ReviewBeans {

    @Produces
    @Singleton
    AdmissionReviewer reviewer(LoadedPolicy policy, WebhookConfig config, Instance<KubernetesClient> kubernetes) {
        // The client is only made when lookups are on: outside a cluster there is no API to configure it from.
        return new AdmissionReviewer(policy.get(), config.lookups().enabled()
                ? Optional.of(new RelatedObjects(new KubernetesObjectLookup(kubernetes.get())))
                : Optional.empty());
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
