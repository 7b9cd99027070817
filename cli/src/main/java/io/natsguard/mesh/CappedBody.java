package io.natsguard.mesh;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * A response body read up to a cap: past it, or on {@link #cancel()}, the connection is dropped
 * and the body fails. A monitoring endpoint can stream without end; a NATS server's answers are a
 * few KiB. A status other than 200 fails at once, its body unread.
 */
final class CappedBody implements HttpResponse.BodySubscriber<byte[]> {

    /** The largest monitoring answer read: /routez of several thousand route connections fits. */
    static final int MAX_BYTES = 4 << 20;

    private final String path;
    private final int status;
    private final CompletableFuture<byte[]> body = new CompletableFuture<>();
    private final List<ByteBuffer> received = new ArrayList<>();
    private volatile Flow.Subscription subscription;
    private volatile long size;

    CappedBody(String path, int status) {
        this.path = path;
        this.status = status;
    }

    /** The bytes received so far. */
    long size() {
        return size;
    }

    /** Stops reading (the deadline passed): the connection is dropped. */
    void cancel() {
        Flow.Subscription current = subscription;
        if (current != null) {
            current.cancel();
        }
        body.completeExceptionally(new IOException(path + " was cancelled"));
    }

    @Override
    public CompletionStage<byte[]> getBody() {
        return body;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        this.subscription = subscription;
        if (status != 200) {
            fail(path + " answered HTTP " + status);
        } else {
            subscription.request(Long.MAX_VALUE);
        }
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        if (body.isDone()) {
            return;
        }
        long now = size;
        for (ByteBuffer buffer : buffers) {
            now += buffer.remaining();
        }
        size = now;
        if (now > MAX_BYTES) {
            received.clear();
            fail(path + " answered more than " + (MAX_BYTES >> 20) + " MiB: the response was too large (a NATS server's is a few KiB)");
        } else {
            received.addAll(buffers);
        }
    }

    @Override
    public void onError(Throwable error) {
        body.completeExceptionally(error);
    }

    @Override
    public void onComplete() {
        if (body.isDone()) {
            return;
        }
        byte[] all = new byte[(int) size];
        int at = 0;
        for (ByteBuffer buffer : received) {
            int length = buffer.remaining();
            buffer.get(all, at, length);
            at += length;
        }
        received.clear();
        body.complete(all);
    }

    private void fail(String reason) {
        subscription.cancel();
        body.completeExceptionally(new IOException(reason));
    }
}
