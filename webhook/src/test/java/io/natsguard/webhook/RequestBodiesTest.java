package io.natsguard.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.StreamResetException;
import io.vertx.core.net.PemTrustOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What request bodies must not do to the server, over real HTTPS: exhaust its memory before they
 * are parsed, hold their reservation of bytes in flight past the review deadline by arriving
 * slowly, or be read for ever when they are endless. Slow senders are raw TLS sockets (HTTP/1.1)
 * and Vert.x's HTTP/2 client; every wait is bounded, none measures speed.
 */
@QuarkusTest
@TestProfile(RequestBodiesTest.Profile.class)
class RequestBodiesTest {

    /** 1 MiB of bodies in flight; a 4 s deadline, long enough for a second review to meet a body still arriving. */
    public static class Profile implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("natsguard.review.bodies-in-flight", "1M", "natsguard.review.deadline", "4s", "natsguard.lookups.enabled", "false");
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int LARGEST_BODY = 7 * 1024 * 1024;
    /** Far more than the largest body and what the kernel buffers on loopback: a sender stopped before it was stopped by the server. */
    private static final int ENDLESS = 64 * 1024 * 1024;

    /** Each test starts with no body in flight: one held by the test before is let go when its connection closes. */
    @BeforeEach
    void nothingInFlight() throws Exception {
        awaitBytesInFlight(0);
    }

    @Test
    void pastTheBytesInFlightAReviewGets503WithRetryAfterBeforeItsBodyIsRead() throws Exception {
        byte[] large = Reviews.padded(700_000);
        try (SSLSocket slow = open()) {
            // A review that has sent its headers and part of its body holds its 700 KB until it is answered.
            OutputStream out = startUpload(slow, large);
            HttpResponse<String> refused = Https.client("tls").send(Https.post(large), HttpResponse.BodyHandlers.ofString());
            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
            JsonNode status = JSON.readTree(refused.body());
            assertThat(status.path("kind").asText()).isEqualTo("Status");
            assertThat(status.path("code").asInt()).isEqualTo(503);
            assertThat(status.path("reason").asText()).isEqualTo("ServiceUnavailable");
            assertThat(status.path("message").asText()).contains("bytes in flight");

            out.write(large, 1000, large.length - 1000);
            out.flush();
            String answer = new String(slow.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
            assertThat(answer).isEqualTo("HTTP/1.1 200");
        }
        assertThat(Https.client("tls").send(Https.post(large), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
    }

    @Test
    void aTricklingUploadKeepsOtherReviewsOutOnlyUntilItsDeadline() throws Exception {
        byte[] large = Reviews.padded(700_000);
        double cutOffBefore = Https.metric("natsguard_review_body_timeouts_total");
        int sent;
        try (SSLSocket slow = open()) {
            OutputStream out = startUpload(slow, large);
            assertThat(Https.client("tls").send(Https.post(large), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(503);

            // A byte every 100 ms: bytes that arrive do not move the deadline, which counts from the headers.
            CompletableFuture<Void> closed = CompletableFuture.runAsync(() -> readToTheEnd(slow));
            long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            for (sent = 1000; !closed.isDone() && System.nanoTime() < giveUp; sent++) {
                try {
                    out.write(large[sent]);
                    out.flush();
                } catch (IOException gone) {
                    break;
                }
                Thread.sleep(100);
            }
            assertThat(closed).as("the server closed the trickling upload's connection").succeedsWithin(Duration.ofSeconds(10));
        }
        assertThat(sent).as("cut off long before its body was in").isLessThan(2000);
        awaitBytesInFlight(0);
        assertThat(Https.metric("natsguard_review_body_timeouts_total")).isEqualTo(cutOffBefore + 1);
        assertThat(Https.client("tls").send(Https.post(large), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
    }

    @Test
    void aStalledHttp2UploadHasItsStreamResetAtItsDeadline() throws Exception {
        byte[] large = Reviews.padded(700_000);
        Vertx vertx = Vertx.vertx();
        try {
            HttpClient client = vertx.createHttpClient(new HttpClientOptions().setProtocolVersion(HttpVersion.HTTP_2).setUseAlpn(true)
                    .setSsl(true).setTrustOptions(new PemTrustOptions().addCertPath(RotatingCertificates.RESOURCES.resolve("tls.crt").toString())));
            CompletableFuture<Throwable> ended = new CompletableFuture<>();
            client.request(HttpMethod.POST, Https.port(), "localhost", "/validate").onFailure(ended::complete).onSuccess(request -> {
                request.putHeader(HttpHeaders.CONTENT_LENGTH, Integer.toString(large.length)).putHeader(HttpHeaders.CONTENT_TYPE, "application/json");
                request.write(Buffer.buffer(Arrays.copyOf(large, 1000)));
                request.response().onComplete(answer -> ended.complete(answer.cause()));
            });
            awaitBytesInFlight(large.length);
            Throwable reset = ended.get(30, TimeUnit.SECONDS);
            assertThat(reset).as("the stream is reset, not answered").isInstanceOf(StreamResetException.class);
            assertThat(((StreamResetException) reset).getCode()).as("CANCEL").isEqualTo(8);
            awaitBytesInFlight(0);
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void anEndlessChunkedBodyRefusedForBytesInFlightIsReadNoFurtherThanTheLargestBody() throws Exception {
        byte[] large = Reviews.padded(700_000);
        try (SSLSocket slow = open()) {
            startUpload(slow, large);
            double refusedBefore = Https.metric("natsguard_overloaded_total");
            assertThat(sendEndlessly()).as("bytes sent before the server stopped reading").isBetween(LARGEST_BODY, ENDLESS - 1);
            assertThat(Https.metric("natsguard_overloaded_total")).isEqualTo(refusedBefore + 1);
        }
    }

    @Test
    void anEndlessChunkedBodyLetInIsReadNoFurtherThanTheLargestBody() throws Exception {
        assertThat(sendEndlessly()).as("bytes sent before the server stopped reading").isBetween(LARGEST_BODY, ENDLESS - 1);
    }

    @Test
    void aContentLengthFarPastTheLargestBodyGets413AtOnceEvenWhenReviewsAreRefused() throws Exception {
        byte[] large = Reviews.padded(700_000);
        try (SSLSocket slow = open(); SSLSocket huge = open()) {
            startUpload(slow, large);
            huge.getOutputStream().write(headers("Content-Length: 10000000000")); // and nothing more, so that the 413 is not lost to a reset
            huge.getOutputStream().flush();
            assertThat(new String(huge.getInputStream().readNBytes(12), StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 413");
        }
    }

    /** Chunks of a never-ending body, until the server stops reading; how many bytes were sent (at most {@link #ENDLESS}). */
    private static int sendEndlessly() throws Exception {
        int sent = 0;
        try (SSLSocket endless = open()) {
            OutputStream out = endless.getOutputStream();
            out.write(headers("Transfer-Encoding: chunked"));
            byte[] chunk = new byte[64 * 1024];
            Arrays.fill(chunk, (byte) ' ');
            byte[] size = (Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII);
            while (sent < ENDLESS) {
                out.write(size);
                out.write(chunk);
                out.write('\r');
                out.write('\n');
                sent += chunk.length;
            }
        } catch (IOException stopped) {
            // the server closed the connection: it reads no more
        }
        return sent;
    }

    /** A TLS connection to the webhook over HTTP/1.1, whose reads give up after 30 s. */
    private static SSLSocket open() throws Exception {
        SSLSocket socket = (SSLSocket) Https.context("tls").getSocketFactory().createSocket("localhost", Https.port());
        socket.setSoTimeout(30_000);
        return socket;
    }

    /** The headers of an upload of this body and its first 1000 bytes, once its bytes are in flight; the stream to send the rest. */
    private static OutputStream startUpload(SSLSocket socket, byte[] body) throws Exception {
        OutputStream out = socket.getOutputStream();
        out.write(headers("Content-Length: " + body.length));
        out.write(body, 0, 1000);
        out.flush();
        awaitBytesInFlight(body.length);
        return out;
    }

    private static byte[] headers(String length) {
        return ("POST /validate HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n" + length + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    /** Returns when the server has closed the connection: end of stream, or a reset. */
    private static void readToTheEnd(SSLSocket socket) {
        try {
            InputStream in = socket.getInputStream();
            while (in.read() >= 0) {
                // an answer would be read here; a cut-off upload gets none
            }
        } catch (IOException closed) {
            // closed under the read: a reset is an end too (a read timeout is not, and fails the wait)
            if (closed instanceof java.net.SocketTimeoutException) {
                throw new IllegalStateException("the connection stayed open", closed);
            }
        }
    }

    private static void awaitBytesInFlight(long bytes) throws Exception {
        Https.eventually(() -> {
            if (Https.metric("natsguard_review_body_bytes_in_flight") != bytes) {
                throw new IllegalStateException("not " + bytes + " body bytes in flight yet");
            }
            return true;
        });
    }
}
