package io.natsguard.webhook;

import io.netty.handler.codec.http2.Http2Error;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;

/** 413 for a body past the largest allowed, reading no more of it. */
final class BodyTooLarge {

    private BodyTooLarge() {
    }

    /**
     * Over HTTP/2 the stream is reset with NO_ERROR after the answer, which tells the client to
     * stop sending and keep the answer (RFC 9113, section 8.1); over HTTP/1.1 the connection is
     * closed after it, since the rest of the body is on it.
     */
    static void refuse(HttpServerRequest request) {
        HttpServerResponse response = request.response();
        if (request.version() == HttpVersion.HTTP_2) {
            response.setStatusCode(413).end();
            response.reset(Http2Error.NO_ERROR.code());
        } else {
            response.setStatusCode(413).putHeader(HttpHeaders.CONNECTION, "close").end().onComplete(sent -> request.connection().close());
        }
    }
}
