package io.natsguard.webhook;

import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A bound on the request bodies of reviews in flight, applied before a body is read: the bounds on
 * reviews judged at once come after the body is buffered and parsed, too late for forty large
 * reviews arriving together under a 256 MiB JVM. Each review reserves its Content-Length (the
 * largest allowed body when it has none) until its answer is sent; a review that does not fit gets
 * 503 with Retry-After, its body never buffered nor parsed. A lone review always gets in.
 */
@ApplicationScoped
class BodyBudget {

    private final long budget;
    private final long largestBody;
    private final ReviewMetrics metrics;
    private final AtomicLong inFlight = new AtomicLong();

    BodyBudget(WebhookConfig config, @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize largestBody,
            ReviewMetrics metrics) {
        this.budget = config.review().bodiesInFlight().asLongValue();
        this.largestBody = largestBody.asLongValue();
        this.metrics = metrics;
        metrics.bodyBytesInFlight(inFlight);
    }

    void install(@Observes Router router) {
        // ahead of everything that could read the body (Quarkus' body handler, when one is installed, then REST)
        router.route(HttpMethod.POST, "/validate").order(RouteConstants.ROUTE_ORDER_BODY_HANDLER - 1).handler(this::admit);
    }

    private void admit(RoutingContext request) {
        long bytes = declaredLength(request);
        if (!reserve(bytes)) {
            metrics.overloaded();
            // The body is let through chunk by chunk and dropped, and the 503 follows it: an answer
            // before the upload ends is one that some clients (the JDK's, over HTTP/2) lose.
            if (request.request().isEnded()) {
                refuse(request);
            } else {
                request.request().handler(dropped -> { }).endHandler(uploaded -> refuse(request)).resume();
            }
            return;
        }
        request.addEndHandler(done -> inFlight.addAndGet(-bytes));
        request.next();
    }

    private static void refuse(RoutingContext request) {
        request.response().setStatusCode(503).putHeader(HttpHeaders.RETRY_AFTER, KubeStatus.RETRY_AFTER_SECONDS)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end(KubeStatus.unavailable("natsguard is at its limit of review bytes in flight; try again"));
    }

    /** Content-Length, at most the largest body allowed (a larger one gets 413 next); without it, the largest. */
    private long declaredLength(RoutingContext request) {
        String length = request.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        try {
            return length == null ? largestBody : Math.min(Math.max(0, Long.parseLong(length.trim())), largestBody);
        } catch (NumberFormatException e) {
            return largestBody;
        }
    }

    private boolean reserve(long bytes) {
        while (true) {
            long now = inFlight.get();
            if (now > 0 && now + bytes > budget) {
                return false;
            }
            if (inFlight.compareAndSet(now, now + bytes)) {
                return true;
            }
        }
    }
}
