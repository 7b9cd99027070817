package io.natsguard.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;

/**
 * What hostile reviews must not do to the server, over real HTTPS: keep its workers past their
 * deadlines, leave it serving 503 while it says it is alive, exhaust its memory before a body is
 * parsed, or grow its metrics without bound. The slow reviews come from {@link ControlledJudge}, so
 * that the deadline is tested whatever the parser's own limits become.
 */
@QuarkusTest
@TestProfile(HostileReviewsTest.Profile.class)
class HostileReviewsTest {

    /** Two workers, a 1 s deadline, stuck 2 s after it, 1 MiB of bodies in flight; the controlled judge. */
    public static class Profile implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("natsguard.review.concurrency", "2", "natsguard.review.deadline", "1s", "natsguard.review.stuck-after", "2s",
                    "natsguard.review.bodies-in-flight", "1M", "natsguard.lookups.enabled", "false");
        }

        @Override
        public Set<Class<?>> getEnabledAlternatives() {
            return Set.of(ControlledJudge.class);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void afterHostileReviewsTheNextGoodReviewIsAnsweredWithinASecond() throws Exception {
        HttpClient client = Https.client("tls");
        byte[] good = Files.readAllBytes(Corpus.ADMISSION.resolve("configmap-single-dns-route-create.json"));
        assertThat(client.send(post(good), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200); // the core's classes loaded
        int stoppedBefore = ControlledJudge.STOPPED.get();
        List<CompletableFuture<HttpResponse<String>>> hostile = new ArrayList<>();
        for (int i = 0; i < 12; i++) { // more than the two workers and their queue of eight
            hostile.add(client.sendAsync(post(review("spin-" + i)), HttpResponse.BodyHandlers.ofString()));
        }
        int judged = 0;
        for (CompletableFuture<HttpResponse<String>> answer : hostile) {
            HttpResponse<String> response = answer.get(30, TimeUnit.SECONDS);
            assertThat(response.statusCode()).as(response.body()).isIn(200, 503);
            if (response.statusCode() == 200) {
                judged++;
                JsonNode review = JSON.readTree(response.body()).path("response");
                assertThat(review.path("allowed").asBoolean()).isTrue();
                assertThat(review.path("warnings").toString()).contains("natsguard: not checked: the review took longer than 1000 ms");
            }
        }
        assertThat(judged).isGreaterThanOrEqualTo(2);

        long start = System.nanoTime();
        HttpResponse<String> next = client.send(post(good), HttpResponse.BodyHandlers.ofString());
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(next.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(next.body()).at("/response/status/message").asText()).contains("[routes-single-dns-name]");
        assertThat(took).isLessThan(Duration.ofSeconds(1));
        // every review that a worker took was stopped at a checkpoint by its deadline; queued ones never started
        assertThat(ControlledJudge.STOPPED.get() - stoppedBefore).isBetween(2, judged);
        assertThat(get("/q/health/live").statusCode()).isEqualTo(200);
    }

    @Test
    void aWorkerThatCannotBeFreedTakesTheLivenessCheckDown() throws Exception {
        ControlledJudge.stickAgain();
        try {
            HttpResponse<String> answer = Https.client("tls").send(post(review("stuck-1")), HttpResponse.BodyHandlers.ofString());
            assertThat(JSON.readTree(answer.body()).at("/response/warnings").toString()).contains("not checked");
            assertThat(liveness(503)).contains("\"judges\"", "DOWN");
        } finally {
            ControlledJudge.releaseStuck();
        }
        assertThat(liveness(200)).contains("UP");
    }

    /** The liveness answer once it has this status, waiting for up to 15 s. */
    private static String liveness(int status) throws Exception {
        return Https.eventually(() -> {
            HttpResponse<String> live = get("/q/health/live");
            if (live.statusCode() != status) {
                throw new IllegalStateException("liveness not yet " + status + ": " + live.body());
            }
            return live.body();
        });
    }

    @Test
    void pastTheBytesInFlightAReviewGets503WithRetryAfterBeforeItsBodyIsRead() throws Exception {
        byte[] large = padded(700_000);
        try (SSLSocket slow = (SSLSocket) Https.context("tls").getSocketFactory().createSocket("localhost", 8444)) {
            // A review that has sent its headers and part of its body holds its 700 KB until it is answered.
            OutputStream out = slow.getOutputStream();
            out.write(("POST /validate HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: " + large.length
                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(large, 0, 1000);
            out.flush();
            Https.eventually(() -> {
                if (!get("/q/metrics").body().contains("natsguard_review_body_bytes_in_flight " + large.length + ".0")) {
                    throw new IllegalStateException("the slow review is not in flight yet");
                }
                return true;
            });
            HttpResponse<String> refused = Https.client("tls").send(post(large), HttpResponse.BodyHandlers.ofString());
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
        assertThat(Https.client("tls").send(post(large), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
    }

    @Test
    void metricLabelsComeFromClosedSets() throws Exception {
        HttpClient client = Https.client("tls");
        for (int i = 0; i < 300; i++) {
            ObjectNode review = (ObjectNode) JSON.readTree(review("spray-" + i));
            ObjectNode request = (ObjectNode) review.path("request");
            request.put("operation", i % 2 == 0 ? "OPERATION-" + i : "CREATE");
            ((ObjectNode) request.path("kind")).put("kind", "Kind" + i);
            assertThat(client.send(post(JSON.writeValueAsBytes(review)), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        }
        String metrics = get("/q/metrics").body();
        List<String> series = metrics.lines().filter(line -> line.startsWith("natsguard_review_seconds_count{")).toList();
        // kinds and operations outside the sets are "other": 9 kinds x 5 operations x allowed x dry_run at most
        assertThat(series).isNotEmpty().hasSizeLessThanOrEqualTo(9 * 5 * 2 * 2);
        assertThat(metrics).doesNotContain("OPERATION-", "Kind1").contains("kind=\"other\"", "operation=\"other\"");
        for (String line : series) {
            assertThat(label(line, "kind")).isIn(union(ReviewMetrics.KINDS, ReviewMetrics.OTHER));
            assertThat(label(line, "operation")).isIn(union(ReviewMetrics.OPERATIONS, ReviewMetrics.OTHER));
        }
    }

    private static Set<String> union(Set<String> set, String other) {
        Set<String> all = new java.util.HashSet<>(set);
        all.add(other);
        return all;
    }

    private static String label(String line, String name) {
        Matcher value = Pattern.compile(name + "=\"([^\"]*)\"").matcher(line);
        assertThat(value.find()).as(line).isTrue();
        return value.group(1);
    }

    /** A small ConfigMap review (no NATS configuration) with this uid. */
    private static byte[] review(String uid) {
        return ("{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"request\":{\"uid\":\"" + uid + "\","
                + "\"kind\":{\"group\":\"\",\"version\":\"v1\",\"kind\":\"ConfigMap\"},\"namespace\":\"web\",\"operation\":\"CREATE\","
                + "\"object\":{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"site\",\"namespace\":\"web\"},"
                + "\"data\":{\"index.html\":\"<p>hello</p>\"}},\"dryRun\":false}}").getBytes(StandardCharsets.UTF_8);
    }

    /** A review of about {@code size} bytes: a ConfigMap with that much text that is no NATS configuration. */
    private static byte[] padded(int size) throws Exception {
        ObjectNode review = (ObjectNode) JSON.readTree(review("large"));
        ((ObjectNode) review.at("/request/object/data")).put("page.html", "<p>" + "x".repeat(size) + "</p>");
        return JSON.writeValueAsBytes(review);
    }

    private static HttpRequest post(byte[] body) {
        return HttpRequest.newBuilder(URI.create(Https.BASE + "/validate?timeout=10s")).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return Https.client("tls").send(HttpRequest.newBuilder(URI.create(Https.BASE + path)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
