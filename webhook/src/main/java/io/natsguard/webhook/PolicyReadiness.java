package io.natsguard.webhook;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready once the policy is loaded: the API server then sends reviews that natsguard can judge. */
@Readiness
@ApplicationScoped
public class PolicyReadiness implements HealthCheck {

    private final LoadedPolicy policy;

    public PolicyReadiness(LoadedPolicy policy) {
        this.policy = policy;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("policy").status(policy.get() != null).withData("policy", policy.get().name()).build();
    }
}
