package io.natsguard.webhook;

import io.netty.handler.codec.http2.Http2Error;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A bound on the request bodies of reviews in flight, applied before a body is read: the bounds on
 * reviews judged at once come after the body is buffered and parsed, too late for forty large
 * reviews arriving together under a 256 MiB JVM. Each review reserves its Content-Length (the
 * largest allowed body when it has none) until its answer is sent; a review that does not fit gets
 * 503 with Retry-After, its body never buffered nor parsed. A lone review always gets in.
 *
 * <p>A reservation must end, so a body must arrive by the review deadline, counted from its
 * headers: past it the sender's connection is closed (over HTTP/2 only its stream is reset) and
 * its bytes are free again. Otherwise three uploads declaring 16 MiB and trickling a byte a minute
 * would keep every other review out.
 */
@ApplicationScoped
class BodyBudget {

    private final long budget;
    private final long largestBody;
    private final long deadlineMillis;
    private final ReviewMetrics metrics;
    private final AtomicLong inFlight = new AtomicLong();

    BodyBudget(WebhookConfig config, @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize largestBody,
            ReviewMetrics metrics) {
        this.budget = config.review().bodiesInFlight().asLongValue();
        this.largestBody = largestBody.asLongValue();
        this.deadlineMillis = Math.max(1, config.review().deadline().toMillis());
        this.metrics = metrics;
        metrics.bodyBytesInFlight(inFlight);
    }

    void install(@Observes Router router) {
        // ahead of everything that could read the body (Quarkus' body handler, when one is installed, then REST)
        router.route(HttpMethod.POST, "/validate").order(RouteConstants.ROUTE_ORDER_BODY_HANDLER - 1).handler(this::admit);
    }

    private void admit(RoutingContext request) {
        HttpServerRequest http = request.request();
        long length = contentLength(http);
        // a body past the largest reserves nothing: a 413 follows (Http2BodyLimit, Quarkus), which reads no more of it
        long bytes = length > largestBody ? 0 : length < 0 ? largestBody : length;
        boolean admitted = bytes == 0 || reserve(bytes);
        Held held = new Held(admitted ? bytes : 0, request.vertx(), request.vertx().setTimer(deadlineMillis, late -> cutOff(http)));
        // Whichever comes first lets go: the answer written (some answers replace the response's end
        // handler), or its end, or the connection or stream gone. The deadline stays for a body that
        // still arrives after its answer: over HTTP/1.1 such an answer closes the connection anyway.
        request.addBodyEndHandler(written -> held.letGo(http.isEnded() || http.version() != HttpVersion.HTTP_2));
        request.addEndHandler(done -> held.letGo(http.isEnded() || done.failed()));
        if (admitted) {
            request.next();
        } else {
            metrics.overloaded();
            refuse(request);
        }
    }

    /** A review's reservation, and the timer of its body's deadline. */
    private final class Held {

        private final long bytes;
        private final Vertx vertx;
        private final long timer;
        private final AtomicBoolean reserved = new AtomicBoolean(true);

        Held(long bytes, Vertx vertx, long timer) {
            this.bytes = bytes;
            this.vertx = vertx;
            this.timer = timer;
        }

        void letGo(boolean bodyDone) {
            if (reserved.getAndSet(false)) {
                inFlight.addAndGet(-bytes);
            }
            if (bodyDone) {
                vertx.cancelTimer(timer);
            }
        }
    }

    /**
     * The body is let through chunk by chunk and dropped, and the 503 follows it: an answer before
     * the upload ends is one that some clients (the JDK's, over HTTP/2) lose. A body without a
     * length is dropped up to the largest body, then refused as too large.
     */
    private void refuse(RoutingContext request) {
        HttpServerRequest http = request.request();
        if (http.isEnded()) {
            unavailable(request);
            return;
        }
        AtomicLong dropped = new AtomicLong();
        http.handler(chunk -> {
            if (dropped.addAndGet(chunk.length()) > largestBody && !http.response().ended()) {
                BodyTooLarge.refuse(http);
            }
        }).endHandler(uploaded -> {
            if (!http.response().ended()) {
                unavailable(request);
            }
        }).resume();
    }

    private static void unavailable(RoutingContext request) {
        request.response().setStatusCode(503).putHeader(HttpHeaders.RETRY_AFTER, KubeStatus.RETRY_AFTER_SECONDS)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end(KubeStatus.unavailable("natsguard is at its limit of review bytes in flight; try again"));
    }

    /** The body not in by the deadline: no answer (its sender is still sending), the stream reset or the connection closed. */
    private void cutOff(HttpServerRequest http) {
        if (http.isEnded()) {
            return; // the body is in: the review's own deadline runs now
        }
        metrics.bodyTimedOut();
        if (http.version() == HttpVersion.HTTP_2) {
            http.response().reset(Http2Error.CANCEL.code());
        } else {
            http.connection().close();
        }
    }

    /** Content-Length, or -1 without a usable one. */
    private static long contentLength(HttpServerRequest http) {
        String length = http.getHeader(HttpHeaders.CONTENT_LENGTH);
        try {
            return length == null ? -1 : Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return -1;
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
