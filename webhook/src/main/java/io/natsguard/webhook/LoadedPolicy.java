package io.natsguard.webhook;

import io.natsguard.policy.Policy;
import io.natsguard.policy.PolicyException;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * The policy, loaded once at start (natsguard.policy, or the built-in one). An invalid policy file
 * stops the start with its file, line and problem, rather than serve with rules nobody asked for.
 */
@Startup
@ApplicationScoped
public class LoadedPolicy {

    private final Policy policy;

    public LoadedPolicy(WebhookConfig config) throws PolicyException {
        Optional<String> policyFile = config.policy();
        this.policy = policyFile.isPresent() ? Policy.load(java.nio.file.Path.of(policyFile.get())) : Policy.defaults();
    }

    public Policy get() {
        return policy;
    }
}
