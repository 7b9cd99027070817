package io.natsguard.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
import org.junit.jupiter.api.Test;

/**
 * What hostile reviews must not do to the server, over real HTTPS: keep its workers past their
 * deadlines, leave it serving 503 while it says it is alive, or grow its metrics without bound
 * (what their bodies must not do: {@link RequestBodiesTest}). The slow reviews come from {@link ControlledJudge}, so
 * that the deadline is tested whatever the parser's own limits become.
 */
@QuarkusTest
@TestProfile(HostileReviewsTest.Profile.class)
class HostileReviewsTest {

    /** Two workers, a 1 s deadline, stuck 2 s after it; the controlled judge. */
    public static class Profile implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("natsguard.review.concurrency", "2", "natsguard.review.deadline", "1s", "natsguard.review.stuck-after", "2s",
                    "natsguard.lookups.enabled", "false");
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
        HttpRequest good = Https.post(Files.readAllBytes(Corpus.ADMISSION.resolve("configmap-single-dns-route-create.json")));
        // The path warmed first, on the connection the good review will take: TLS, the core's classes, the JIT.
        for (int i = 0; i < 20; i++) {
            assertThat(client.send(good, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        }
        int stoppedBefore = ControlledJudge.STOPPED.get();
        List<CompletableFuture<HttpResponse<String>>> hostile = new ArrayList<>();
        for (int i = 0; i < 12; i++) { // more than the two workers and their queue of eight
            hostile.add(client.sendAsync(Https.post(Reviews.configMap("spin-" + i)), HttpResponse.BodyHandlers.ofString()));
        }
        int judged = 0;
        int turnedAway = 0;
        for (CompletableFuture<HttpResponse<String>> answer : hostile) {
            HttpResponse<String> response = answer.get(30, TimeUnit.SECONDS);
            assertThat(response.statusCode()).as(response.body()).isIn(200, 503);
            if (response.body().contains("at its review limit")) {
                turnedAway++; // the queue was full: no worker ever saw it
            }
            if (response.statusCode() == 200) {
                judged++;
                JsonNode review = JSON.readTree(response.body()).path("response");
                assertThat(review.path("allowed").asBoolean()).isTrue();
                assertThat(review.path("warnings").toString()).contains("natsguard: not checked: the review took longer than 1000 ms");
            }
        }
        assertThat(judged).isGreaterThanOrEqualTo(2);

        long start = System.nanoTime(); // the good review's own round trip, and nothing else
        HttpResponse<String> next = client.send(good, HttpResponse.BodyHandlers.ofString());
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(next.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(next.body()).at("/response/status/message").asText()).contains("[routes-single-dns-name]");
        assertThat(took).isLessThan(Duration.ofSeconds(1));
        // every review that a worker took was stopped at a checkpoint by its deadline; a queued one
        // whose deadline came as a worker took it was answered 503 unread, and stopped all the same
        assertThat(ControlledJudge.STOPPED.get() - stoppedBefore).isBetween(2, hostile.size() - turnedAway);
        assertThat(Https.get("/q/health/live").statusCode()).isEqualTo(200);
    }

    @Test
    void aWorkerThatCannotBeFreedTakesTheLivenessCheckDown() throws Exception {
        ControlledJudge.stickAgain();
        try {
            HttpResponse<String> answer = Https.client("tls").send(Https.post(Reviews.configMap("stuck-1")), HttpResponse.BodyHandlers.ofString());
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
            HttpResponse<String> live = Https.get("/q/health/live");
            if (live.statusCode() != status) {
                throw new IllegalStateException("liveness not yet " + status + ": " + live.body());
            }
            return live.body();
        });
    }

    @Test
    void metricLabelsComeFromClosedSets() throws Exception {
        HttpClient client = Https.client("tls");
        for (int i = 0; i < 300; i++) {
            ObjectNode review = (ObjectNode) JSON.readTree(Reviews.configMap("spray-" + i));
            ObjectNode request = (ObjectNode) review.path("request");
            request.put("operation", i % 2 == 0 ? "OPERATION-" + i : "CREATE");
            ((ObjectNode) request.path("kind")).put("kind", "Kind" + i);
            assertThat(client.send(Https.post(JSON.writeValueAsBytes(review)), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        }
        String metrics = Https.get("/q/metrics").body();
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
}
