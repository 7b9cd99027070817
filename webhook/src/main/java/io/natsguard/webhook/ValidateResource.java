package io.natsguard.webhook;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/** {@code POST /validate}: the API server's AdmissionReview, answered by the same rules as lint. */
@Path("/validate")
@ApplicationScoped
public class ValidateResource {

    private final AdmissionReviewer reviewer;
    private final Judge judge;
    private final Judges judges;
    private final ReviewMetrics metrics;
    private final WebhookConfig.Unchecked unchecked;

    public ValidateResource(AdmissionReviewer reviewer, Judge judge, Judges judges, ReviewMetrics metrics, WebhookConfig config) {
        this.reviewer = reviewer;
        this.judge = judge;
        this.judges = judges;
        this.metrics = metrics;
        this.unchecked = config.review().unchecked();
    }

    /**
     * Answers asynchronously: the body arrives without blocking a thread (after {@link BodyBudget}
     * let it in), is read as JSON and judged by {@link Judges}, not on the event loop (reading is
     * up to 7 MiB of JSON), and the answer comes by the deadline whatever happens.
     */
    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public CompletionStage<Response> validate(byte[] body) {
        long start = System.nanoTime();
        AtomicReference<AdmissionReviewer.Review> read = new AtomicReference<>(); // for the answer at the deadline
        CompletableFuture<AdmissionReviewer.Answer> judged;
        try {
            judged = judges.judge(() -> {
                Object envelope = reviewer.read(body);
                if (envelope instanceof AdmissionReviewer.Answer refused) {
                    return refused;
                }
                read.set((AdmissionReviewer.Review) envelope);
                return judge.judge(read.get());
            });
        } catch (RejectedExecutionException e) {
            metrics.overloaded();
            return CompletableFuture.completedFuture(unavailable("natsguard is at its review limit; try again"));
        }
        return judged.handle((answer, fault) -> fault == null ? respond(answer, start)
                : unchecked(read.get(), fault instanceof CompletionException ? fault.getCause() : fault, start));
    }

    /**
     * Past the deadline, or after a fault: as natsguard.review.unchecked says; a body not yet read
     * then has no uid to answer with, so it gets 503, and the API server applies its failurePolicy.
     * Never a 500, never the object in a log.
     */
    private Response unchecked(AdmissionReviewer.Review review, Throwable why, long start) {
        String reason;
        if (why instanceof TimeoutException timeout) {
            metrics.timedOut();
            reason = timeout.getMessage();
        } else {
            Log.errorf("review of a %s failed: %s", review == null ? "body not yet read"
                    : ReviewMetrics.kind(review.request().path("kind").path("kind").asText()), why.getClass().getName());
            metrics.failed();
            reason = "natsguard failed on this object";
        }
        return review == null ? unavailable("natsguard could not read this review: " + reason)
                : respond(AdmissionReviewer.unchecked(review, reason, unchecked), start);
    }

    private Response respond(AdmissionReviewer.Answer answer, long start) {
        metrics.answered(answer, System.nanoTime() - start);
        return Response.status(answer.http()).entity(answer.body()).type(MediaType.APPLICATION_JSON).build();
    }

    private static Response unavailable(String message) {
        return Response.status(503).header(HttpHeaders.RETRY_AFTER, KubeStatus.RETRY_AFTER_SECONDS)
                .entity(KubeStatus.unavailable(message)).type(MediaType.APPLICATION_JSON).build();
    }
}
