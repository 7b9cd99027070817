package io.natsguard.webhook;

import io.fabric8.kubernetes.client.Config;
import io.quarkus.kubernetes.client.KubernetesConfigCustomizer;
import jakarta.inject.Singleton;

/**
 * The Kubernetes client of the lookups: each call given up after {@code natsguard.lookups.timeout}
 * to connect or to hear from the API, and never tried again, since a failed lookup is said in a
 * warning and the review has a deadline. Set when natsguard serve starts: the client's own
 * {@code quarkus.kubernetes-client.*-timeout} settings are fixed when the application is built.
 */
@Singleton
class LookupClientConfig implements KubernetesConfigCustomizer {

    private final int timeoutMillis;

    LookupClientConfig(WebhookConfig config) {
        this.timeoutMillis = (int) Math.min(Integer.MAX_VALUE, config.lookups().timeout().toMillis());
    }

    @Override
    public void customize(Config config) {
        config.setConnectionTimeout(timeoutMillis);
        config.setRequestTimeout(timeoutMillis);
        config.setRequestRetryBackoffLimit(0);
    }
}
