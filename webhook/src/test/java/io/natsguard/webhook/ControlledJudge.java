package io.natsguard.webhook;

import io.natsguard.limit.Cancellation;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A judge that tests control (enabled by {@link HostileReviewsTest.Profile} and
 * {@link UncheckedDeniedTest.StrictProfile} only): a review whose uid
 * starts with {@code spin-} works until its worker is interrupted, calling
 * {@link Cancellation#checkpoint()} as the core does, slow whatever the parser becomes; one whose uid
 * starts with {@code stuck-} ignores interrupts until {@link #releaseStuck()}; any other review is
 * judged by the lint core.
 */
@Alternative
@Singleton
public class ControlledJudge implements Judge {

    /** Spinning reviews that stopped at a checkpoint. */
    static final AtomicInteger STOPPED = new AtomicInteger();
    private static volatile CountDownLatch stuck = new CountDownLatch(1);

    private final AdmissionReviewer reviewer;

    public ControlledJudge(AdmissionReviewer reviewer) {
        this.reviewer = reviewer;
    }

    static void releaseStuck() {
        stuck.countDown();
    }

    static void stickAgain() {
        stuck = new CountDownLatch(1);
    }

    @Override
    public AdmissionReviewer.Answer judge(AdmissionReviewer.Review review) {
        if (review.uid().startsWith("spin-")) {
            try {
                while (true) {
                    Cancellation.checkpoint();
                    LockSupport.parkNanos(100_000); // works on, without taking a CPU from the server the test talks to
                }
            } catch (Cancellation.Cancelled e) {
                STOPPED.incrementAndGet();
                throw e;
            }
        }
        if (review.uid().startsWith("stuck-")) {
            CountDownLatch release = stuck;
            while (release.getCount() > 0) {
                try {
                    release.await();
                } catch (InterruptedException deaf) {
                    // as code that never reaches a checkpoint: the interrupt changes nothing
                }
            }
        }
        return reviewer.judge(review);
    }
}
