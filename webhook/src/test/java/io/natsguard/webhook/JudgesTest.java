package io.natsguard.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.natsguard.limit.Cancellation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The deadline stops the work, not only the wait: a judgement past it is interrupted, a queued one
 * never starts, and the worker is free for the next review. Waits are bounded generously; nothing
 * here measures speed.
 */
class JudgesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration DEADLINE = Duration.ofMillis(200);

    private final AtomicInteger started = new AtomicInteger();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private Judges judges;

    @AfterEach
    void close() {
        release.countDown();
        judges.close();
    }

    /** A review of this uid: {@code slow} works until interrupted (stopping at checkpoints), {@code deaf} until released. */
    private AdmissionReviewer.Answer judge(AdmissionReviewer.Review review) {
        started.incrementAndGet();
        if (review.uid().equals("slow")) {
            try {
                while (true) {
                    Cancellation.checkpoint();
                    LockSupport.parkNanos(100_000);
                }
            } catch (Cancellation.Cancelled e) {
                stopped.countDown();
                throw e;
            }
        }
        while (review.uid().equals("deaf") && release.getCount() > 0) {
            try {
                release.await();
            } catch (InterruptedException ignored) {
                // deaf: as code that never reaches a checkpoint
            }
        }
        return AdmissionReviewer.unchecked(review, "judged", WebhookConfig.Unchecked.ALLOW);
    }

    private static AdmissionReviewer.Review review(String uid) throws Exception {
        JsonNode request = JSON.readTree("{\"uid\":\"" + uid + "\",\"kind\":{\"kind\":\"ConfigMap\"},\"operation\":\"CREATE\"}");
        return new AdmissionReviewer.Review("admission.k8s.io/v1", uid, request);
    }

    /** This test's judgement of a review of this uid, on the workers. */
    private CompletableFuture<AdmissionReviewer.Answer> submit(String uid) throws Exception {
        AdmissionReviewer.Review review = review(uid);
        return judges.judge(() -> judge(review));
    }

    @Test
    void aJudgementPastItsDeadlineIsStoppedAndItsWorkerServesTheNextReview() throws Exception {
        judges = new Judges(1, DEADLINE);
        CompletableFuture<AdmissionReviewer.Answer> slow = submit("slow");
        assertThatThrownBy(() -> slow.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(TimeoutException.class).hasMessageContaining("the review took longer than 200 ms");
        assertThat(stopped.await(10, TimeUnit.SECONDS)).as("the slow judgement stopped at a checkpoint").isTrue();
        AdmissionReviewer.Answer next = submit("good").get(10, TimeUnit.SECONDS);
        assertThat(next.body()).contains("\"uid\":\"good\"");
        assertThat(judges.longestOverdue()).isZero();
    }

    @Test
    void aReviewStillQueuedAtItsDeadlineNeverStarts() throws Exception {
        judges = new Judges(1, DEADLINE);
        CompletableFuture<AdmissionReviewer.Answer> running = submit("deaf");
        CompletableFuture<AdmissionReviewer.Answer> queued = submit("queued");
        for (CompletableFuture<AdmissionReviewer.Answer> answer : List.of(running, queued)) {
            assertThatThrownBy(() -> answer.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(TimeoutException.class);
        }
        release.countDown();
        submit("good").get(10, TimeUnit.SECONDS);
        assertThat(started.get()).as("deaf and good started; queued never did").isEqualTo(2);
    }

    @Test
    void beyondTheWorkersAndTheirQueueAReviewIsRefused() throws Exception {
        judges = new Judges(1, Duration.ofMinutes(1));
        List<CompletableFuture<AdmissionReviewer.Answer>> held = new ArrayList<>();
        for (int i = 0; i < 5; i++) { // one judged, four queued
            held.add(submit("deaf"));
        }
        assertThatThrownBy(() -> submit("one-too-many")).isInstanceOf(RejectedExecutionException.class);
        release.countDown();
        for (CompletableFuture<AdmissionReviewer.Answer> answer : held) {
            answer.get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aWorkerDeafToItsInterruptIsOverdueUntilItEnds() throws Exception {
        judges = new Judges(1, DEADLINE);
        CompletableFuture<AdmissionReviewer.Answer> deaf = submit("deaf");
        assertThatThrownBy(() -> deaf.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(TimeoutException.class);
        Duration first = judges.longestOverdue();
        Thread.sleep(50);
        assertThat(judges.longestOverdue()).isGreaterThan(first);
        release.countDown();
        submit("good").get(10, TimeUnit.SECONDS); // the same single worker: the deaf one has ended
        assertThat(judges.longestOverdue()).isZero();
    }

    @Test
    void aFaultIsTheAnswersFault() throws Exception {
        judges = new Judges(1, DEADLINE);
        assertThatThrownBy(() -> judges.judge(() -> {
            throw new StackOverflowError();
        }).get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(StackOverflowError.class);
    }
}
