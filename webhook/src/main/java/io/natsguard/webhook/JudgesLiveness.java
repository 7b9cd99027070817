package io.natsguard.webhook;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Alive while every worker stops when its review's deadline interrupts it. One that is still busy
 * {@code natsguard.review.stuck-after} later cannot be freed from inside: DOWN, so that Kubernetes
 * restarts the pod, instead of a pod that says it is healthy answering 503 for ever once all its
 * workers are stuck.
 */
@Liveness
@ApplicationScoped
public class JudgesLiveness implements HealthCheck {

    private final Judges judges;
    private final Duration stuckAfter;

    public JudgesLiveness(Judges judges, WebhookConfig config) {
        this.judges = judges;
        this.stuckAfter = config.review().stuckAfter();
    }

    @Override
    public HealthCheckResponse call() {
        Duration overdue = judges.longestOverdue();
        return HealthCheckResponse.named("judges").status(overdue.compareTo(stuckAfter) < 0)
                .withData("longest_overdue_ms", overdue.toMillis()).withData("stuck_after_ms", stuckAfter.toMillis()).build();
    }
}
