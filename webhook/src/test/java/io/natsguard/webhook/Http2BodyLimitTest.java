package io.natsguard.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.netty.handler.codec.http2.Http2Exception;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.PemTrustOptions;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** quarkus.http.limits.max-body-size (7 MiB) over HTTP/2, h2 chosen by ALPN, mostly with the JDK's client. */
@QuarkusTest
@QuarkusTestResource(RotatingCertificates.class)
class Http2BodyLimitTest {

    private static final int LIMIT = 7 * 1024 * 1024;

    @Test
    void aBodyOverTheLimitGets413() throws Exception {
        HttpResponse<String> answer = post(HttpRequest.BodyPublishers.ofByteArray(new byte[LIMIT + 1]));
        assertThat(answer.version()).isEqualTo(java.net.http.HttpClient.Version.HTTP_2);
        assertThat(answer.statusCode()).isEqualTo(413);
    }

    @Test
    void aBodyOfTheLimitIsRead() throws Exception {
        HttpResponse<String> answer = post(HttpRequest.BodyPublishers.ofByteArray(new byte[LIMIT]));
        assertThat(answer.version()).isEqualTo(java.net.http.HttpClient.Version.HTTP_2);
        assertThat(answer.statusCode()).as("zeros are no AdmissionReview").isEqualTo(400);
    }

    /**
     * Past twice the limit the body is not read: after the 413, the stream is reset, and the client
     * stops sending. The JDK 17 client waits for ever on that (JDK-8293786): Vert.x's sends this one.
     */
    @Test
    void aBodyOverTwiceTheLimitGets413AndItsStreamReset() throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            HttpClient client = vertx.createHttpClient(new HttpClientOptions().setProtocolVersion(HttpVersion.HTTP_2).setUseAlpn(true)
                    .setSsl(true).setTrustOptions(new PemTrustOptions().addCertPath(RotatingCertificates.RESOURCES.resolve("tls.crt").toString())));
            CompletableFuture<Throwable> sending = new CompletableFuture<>();
            HttpClientResponse answer = client.request(HttpMethod.POST, Https.port(), "localhost", "/validate").compose(request -> {
                request.end(Buffer.buffer(new byte[2 * LIMIT + 1])).onComplete(sent -> sending.complete(sent.cause()));
                return request.response();
            }).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            assertThat(answer.version()).isEqualTo(HttpVersion.HTTP_2);
            assertThat(answer.statusCode()).isEqualTo(413);
            assertThat(sending.get(30, TimeUnit.SECONDS)).as("the client stopped sending on the reset")
                    .isInstanceOf(Http2Exception.StreamException.class).hasMessage("Stream closed before write could take place");
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }

    private static HttpResponse<String> post(HttpRequest.BodyPublisher body) throws Exception {
        return Https.client("tls").send(HttpRequest.newBuilder(URI.create(Https.base() + "/validate")).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(body).build(), HttpResponse.BodyHandlers.ofString());
    }
}
