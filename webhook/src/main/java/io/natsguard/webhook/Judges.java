package io.natsguard.webhook;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The workers that judge reviews (from the body as it arrived: reading it is judging work too): at
 * most {@code concurrency} at once and a queue of four times as many. Each judgement is stopped at
 * its deadline: its answer is then the deadline's, and its
 * worker is interrupted, which the core notices at its next {@code Cancellation.checkpoint()}; a
 * review still queued is dropped. So hostile reviews cannot keep the workers busy past their
 * deadlines, and the next review finds a free worker. A worker that goes on long after its
 * interrupt is reported by {@link #longestOverdue()}, for the liveness check.
 */
final class Judges implements AutoCloseable {

    private final Duration deadline;
    private final ThreadPoolExecutor workers;
    private final ScheduledThreadPoolExecutor deadlines;
    /** The judgements running now, each with when its worker was interrupted (NOT_INTERRUPTED before). */
    private final Map<Object, Long> running = new ConcurrentHashMap<>();
    private static final long NOT_INTERRUPTED = Long.MIN_VALUE;

    Judges(int concurrency, Duration deadline) {
        this.deadline = deadline;
        this.workers = new ThreadPoolExecutor(concurrency, concurrency, 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(4 * concurrency), threads("natsguard-judge"), new ThreadPoolExecutor.AbortPolicy());
        this.deadlines = new ScheduledThreadPoolExecutor(1, threads("natsguard-deadline"));
        deadlines.setRemoveOnCancelPolicy(true); // a review answered in time leaves no timer behind
    }

    /**
     * The answer: completes with what the work gives, or exceptionally with its fault, or with a
     * {@link TimeoutException} at the deadline, when the work is stopped.
     *
     * @throws RejectedExecutionException when every worker is busy and the queue is full
     */
    CompletableFuture<AdmissionReviewer.Answer> judge(Supplier<AdmissionReviewer.Answer> work) {
        CompletableFuture<AdmissionReviewer.Answer> answer = new CompletableFuture<>();
        Object key = new Object();
        FutureTask<Void> task = new FutureTask<>(() -> {
            running.put(key, NOT_INTERRUPTED);
            try {
                if (answer.isDone()) {
                    return; // the deadline came as this worker took the review, before it could be marked as interrupted
                }
                answer.complete(work.get());
            } catch (Throwable fault) { // an Error too: the review is answered, the worker lives on
                answer.completeExceptionally(fault);
            } finally {
                running.remove(key);
            }
        }, null);
        workers.execute(task);
        ScheduledFuture<?> timer = deadlines.schedule(() -> {
            if (answer.completeExceptionally(new TimeoutException("the review took longer than " + deadline.toMillis() + " ms"))) {
                running.computeIfPresent(key, (k, never) -> System.nanoTime());
                task.cancel(true); // interrupts the worker if it runs; a queued review never starts
                workers.remove(task);
            }
        }, deadline.toNanos(), TimeUnit.NANOSECONDS);
        answer.whenComplete((done, fault) -> timer.cancel(false));
        return answer;
    }

    /** How long the worker that has gone on longest since its interrupt has been at it; zero when none has. */
    Duration longestOverdue() {
        long now = System.nanoTime();
        return Duration.ofNanos(running.values().stream().filter(at -> at != NOT_INTERRUPTED).mapToLong(at -> now - at).max().orElse(0));
    }

    @Override
    public void close() {
        workers.shutdownNow();
        deadlines.shutdownNow();
    }

    private static ThreadFactory threads(String name) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
