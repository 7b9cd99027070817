package io.natsguard.webhook;

import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * {@code quarkus.http.limits.max-body-size} over HTTP/2: 413, as over HTTP/1.1. Quarkus answers a
 * Content-Length over the limit with 413 and then closes the connection, which is right for
 * HTTP/1.1 (the rest of the body is on it) but over HTTP/2 is a GOAWAY: the client loses the 413,
 * and so does every other review the API server has under way on that connection. The API server
 * always sends a Content-Length; so does the JDK's client for a body it holds. Here such a body is
 * refused on its own stream, before Quarkus's check. (A body without a length that grows past the
 * limit is still Quarkus's: it is read as it comes, so it can only be stopped there, and only its
 * sender's connection is closed.)
 */
@ApplicationScoped
class Http2BodyLimit {

    void register(@Observes Router router, @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBodySize) {
        long limit = maxBodySize.asLongValue();
        router.route().order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1).handler(context -> {
            HttpServerRequest request = context.request();
            // Netty has checked that an HTTP/2 Content-Length is a number, and holds the body to it
            String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
            if (request.version() == HttpVersion.HTTP_2 && length != null && Long.parseLong(length) > limit) {
                refuse(request, Long.parseLong(length) <= 2 * limit);
            } else {
                context.next();
            }
        });
    }

    /**
     * The 413 goes first, whole. Then a body of up to twice the limit is read and dropped, because
     * the JDK's HTTP/2 client before JDK 21 never completes a request whose stream is reset while it
     * still sends (JDK-8293786); Netty holds it to its Content-Length, and on /validate
     * {@link BodyBudget} to its deadline. A longer body is not read ({@link BodyTooLarge}).
     */
    private static void refuse(HttpServerRequest request, boolean drain) {
        if (drain) {
            request.response().setStatusCode(413).end();
            request.handler(dropped -> { }).resume();
        } else {
            BodyTooLarge.refuse(request);
        }
    }
}
