package io.natsguard.webhook;

import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** {@code POST /validate}: the API server's AdmissionReview, answered by the same rules as lint. */
@Path("/validate")
@ApplicationScoped
public class ValidateResource {

    private final AdmissionReviewer reviewer;
    private final MeterRegistry metrics;
    private final Duration deadline;
    /** Bounded: at most {@code concurrency} reviews judged at once, and a short queue; beyond that, 503. */
    private final ThreadPoolExecutor judges;

    public ValidateResource(LoadedPolicy policy, MeterRegistry metrics, WebhookConfig config, Instance<KubernetesClient> kubernetes) {
        // The client is only made when lookups are on: outside a cluster there is no API to configure it from.
        this.reviewer = new AdmissionReviewer(policy.get(), config.lookups().enabled()
                ? Optional.of(new RelatedObjects(new KubernetesObjectLookup(kubernetes.get())))
                : Optional.empty());
        this.metrics = metrics;
        this.deadline = config.review().deadline();
        int concurrency = config.review().concurrency();
        this.judges = new ThreadPoolExecutor(concurrency, concurrency, 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(4 * concurrency), new ThreadPoolExecutor.AbortPolicy());
    }

    /**
     * Answers asynchronously: the body is read without blocking a worker, the object is judged on
     * the bounded pool, and the answer comes by the deadline whatever happens.
     */
    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public CompletionStage<Response> validate(byte[] body) {
        long start = System.nanoTime();
        Object read = reviewer.read(body);
        if (read instanceof AdmissionReviewer.Answer refused) {
            return CompletableFuture.completedFuture(respond(refused, start));
        }
        AdmissionReviewer.Review review = (AdmissionReviewer.Review) read;
        CompletableFuture<AdmissionReviewer.Answer> judged;
        try {
            judged = CompletableFuture.supplyAsync(() -> reviewer.judge(review), judges);
        } catch (RejectedExecutionException e) {
            metrics.counter("natsguard.overloaded").increment();
            return CompletableFuture.completedFuture(Response.status(503).entity("{\"kind\":\"Status\",\"apiVersion\":\"v1\","
                    + "\"status\":\"Failure\",\"reason\":\"ServiceUnavailable\",\"code\":503,"
                    + "\"message\":\"natsguard is at its review limit\"}").type(MediaType.APPLICATION_JSON).build());
        }
        return judged.orTimeout(deadline.toNanos(), TimeUnit.NANOSECONDS)
                .exceptionally(fault -> unchecked(review, fault instanceof CompletionException ? fault.getCause() : fault))
                .thenApply(answer -> respond(answer, start));
    }

    /** Past the deadline, or after a fault: allowed, with a warning; never a 500, never the object in a log. */
    private AdmissionReviewer.Answer unchecked(AdmissionReviewer.Review review, Throwable why) {
        if (why instanceof TimeoutException) {
            metrics.counter("natsguard.review.timeouts").increment();
            return AdmissionReviewer.unchecked(review, "the review took longer than " + deadline.toMillis() + " ms");
        }
        Log.errorf("review of a %s failed: %s", review.request().path("kind").path("kind").asText(), why.getClass().getName());
        metrics.counter("natsguard.review.failures").increment();
        return AdmissionReviewer.unchecked(review, "natsguard failed on this object");
    }

    private Response respond(AdmissionReviewer.Answer answer, long start) {
        count(answer, System.nanoTime() - start);
        return Response.status(answer.http()).entity(answer.body()).type(MediaType.APPLICATION_JSON).build();
    }

    /** natsguard_review_seconds by kind, operation, allowed, dry_run; natsguard_findings by rule; bad requests. */
    private void count(AdmissionReviewer.Answer answer, long nanos) {
        if (answer.kind() == null) {
            metrics.counter("natsguard.bad.requests").increment();
            return;
        }
        Timer.builder("natsguard.review").description("AdmissionReviews answered")
                .tags("kind", answer.kind(), "operation", answer.operation(), "allowed", Boolean.toString(answer.allowed()),
                        "dry_run", Boolean.toString(answer.dryRun()))
                .publishPercentileHistogram().register(metrics).record(nanos, TimeUnit.NANOSECONDS);
        answer.rules().forEach(rule -> metrics.counter("natsguard.findings", "rule", rule).increment());
    }
}
