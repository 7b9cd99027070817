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

/** {@code POST /validate}: the API server's AdmissionReview, answered by the same rules as lint. */
@Path("/validate")
@ApplicationScoped
public class ValidateResource {

    private final AdmissionReviewer reviewer;
    private final Judges judges;
    private final ReviewMetrics metrics;
    private final WebhookConfig.Unchecked unchecked;

    public ValidateResource(AdmissionReviewer reviewer, Judges judges, ReviewMetrics metrics, WebhookConfig config) {
        this.reviewer = reviewer;
        this.judges = judges;
        this.metrics = metrics;
        this.unchecked = config.review().unchecked();
    }

    /**
     * Answers asynchronously: the body is read without blocking a worker (after {@link BodyBudget}
     * let it in), the object is judged by {@link Judges}, and the answer comes by the deadline
     * whatever happens.
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
            judged = judges.judge(review);
        } catch (RejectedExecutionException e) {
            metrics.overloaded();
            return CompletableFuture.completedFuture(Response.status(503).header(HttpHeaders.RETRY_AFTER, KubeStatus.RETRY_AFTER_SECONDS)
                    .entity(KubeStatus.unavailable("natsguard is at its review limit; try again")).type(MediaType.APPLICATION_JSON).build());
        }
        return judged.exceptionally(fault -> unchecked(review, fault instanceof CompletionException ? fault.getCause() : fault))
                .thenApply(answer -> respond(answer, start));
    }

    /** Past the deadline, or after a fault: as natsguard.review.unchecked says; never a 500, never the object in a log. */
    private AdmissionReviewer.Answer unchecked(AdmissionReviewer.Review review, Throwable why) {
        if (why instanceof TimeoutException timeout) {
            metrics.timedOut();
            return AdmissionReviewer.unchecked(review, timeout.getMessage(), unchecked);
        }
        Log.errorf("review of a %s failed: %s", ReviewMetrics.kind(review.request().path("kind").path("kind").asText()),
                why.getClass().getName());
        metrics.failed();
        return AdmissionReviewer.unchecked(review, "natsguard failed on this object", unchecked);
    }

    private Response respond(AdmissionReviewer.Answer answer, long start) {
        metrics.answered(answer, System.nanoTime() - start);
        return Response.status(answer.http()).entity(answer.body()).type(MediaType.APPLICATION_JSON).build();
    }
}
