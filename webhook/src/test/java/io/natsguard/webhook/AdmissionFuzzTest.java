package io.natsguard.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.natsguard.policy.Policy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Fuzzing of the review path (Jazzer), each input three ways, every review read and judged by
 * {@link Judges} under the manifests' 3 s deadline and answered before it (a review stopped at the
 * deadline fails):
 * <ul>
 * <li>as the HTTP body: an HTTP 200 AdmissionReview or an HTTP 400 Status, valid JSON, never an exception;</li>
 * <li>as text in the annotations, labels and data of a ConfigMap, a Secret and a Pod that hold no NATS
 *     configuration: always allowed (a wrong denial fails);</li>
 * <li>as lines of a NATS config whose routes carry a planted password: whatever the verdict, the
 *     password appears nowhere in the answer.</li>
 * </ul>
 * {@code mvn test} replays the seeds under {@code AdmissionFuzzTestInputs/}; fuzz it for real with
 * {@code bench/fuzz-long.sh admission DURATION} (docs/quality.md).
 */
class AdmissionFuzzTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration DEADLINE = Duration.ofSeconds(3);
    /** The deadline stops the work and answers; this much more is the bound of a busy machine, not a speed target. */
    private static final Duration SLACK = Duration.ofSeconds(2);
    private static final String PLANTED = "Fuzz3dR0utePa55w0rd";
    /**
     * Data of no NATS config: a value that starts with a key separator stops the NATS lexer at once
     * ("Unexpected key separator"), so no text after it can make the value read as NATS options.
     */
    private static final String NOT_NATS = "= not a NATS config\n";
    private static final AdmissionReviewer REVIEWER = new AdmissionReviewer(Policy.defaults(), Optional.empty());
    private static final Judges JUDGES = new Judges(1, DEADLINE);

    @FuzzTest(maxDuration = "60s")
    void everyReviewKeepsTheInvariants(byte[] input) throws Exception {
        AdmissionReviewer.Answer answer = answer(input);
        assertThat(answer.http()).isIn(200, 400);
        assertThat(JSON.readTree(answer.body()).path("kind").asText()).isEqualTo(answer.http() == 200 ? "AdmissionReview" : "Status");

        String text = new String(input, StandardCharsets.UTF_8);
        for (String kind : new String[] {"ConfigMap", "Secret", "Pod"}) {
            JsonNode response = response(review(kind, notNats(kind, text)));
            assertThat(response.path("allowed").asBoolean()).as("%s holding no NATS configuration: %s", kind, response).isTrue();
        }

        String conf = "port: 4222\n" + text + "\ncluster {\n  name: orders\n  port: 6222\n  routes = [\n"
                + "    nats://ruser:" + PLANTED + "@nats-0.nats-headless.orders.svc.cluster.local:6222\n"
                + "    nats://ruser:" + PLANTED + "@nats-1.nats-headless.orders.svc.cluster.local:6222\n  ]\n}\n";
        ObjectNode configMap = object("ConfigMap");
        configMap.putObject("data").put("nats.conf", conf);
        assertThat(answer(review("ConfigMap", configMap)).body()).doesNotContain(PLANTED);
    }

    /**
     * The answer as natsguard serve gives it: read and judged on a worker, with the deadline. It
     * must come before the deadline: the inputs are small, and work that runs into the deadline is
     * the unbounded work this fuzzer is looking for. Any other fault fails too.
     */
    private static AdmissionReviewer.Answer answer(byte[] body) throws Exception {
        String late = "no answer within the deadline of " + DEADLINE.toMillis() + " ms: unbounded work";
        try {
            return JUDGES.judge(() -> REVIEWER.review(body)).get(DEADLINE.plus(SLACK).toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError(e.getCause() instanceof TimeoutException ? late : "the review failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError(late, e);
        }
    }

    private static JsonNode response(byte[] review) throws Exception {
        AdmissionReviewer.Answer answer = answer(review);
        assertThat(answer.http()).isEqualTo(200);
        return JSON.readTree(answer.body()).path("response");
    }

    /** The text in every string of an object of this kind that no reader takes for NATS configuration. */
    private static ObjectNode notNats(String kind, String text) {
        ObjectNode object = object(kind);
        ((ObjectNode) object.path("metadata")).putObject("annotations").put("example.com/note", text);
        ((ObjectNode) object.path("metadata")).putObject("labels").put("app", text);
        switch (kind) {
            case "ConfigMap" -> object.putObject("data").put("index.html", NOT_NATS + text);
            case "Secret" -> object.putObject("data").put("token", Base64.getEncoder().encodeToString((NOT_NATS + text).getBytes(StandardCharsets.UTF_8)));
            default -> object.putObject("spec").putArray("containers").addObject().put("name", "web").put("image", "nginx:1.27")
                    .putArray("env").addObject().put("name", "GREETING").put("value", text);
        }
        return object;
    }

    private static ObjectNode object(String kind) {
        ObjectNode object = JSON.createObjectNode().put("apiVersion", "v1").put("kind", kind);
        object.putObject("metadata").put("name", "fuzzed").put("namespace", "orders");
        return object;
    }

    private static byte[] review(String kind, ObjectNode object) throws Exception {
        ObjectNode review = JSON.createObjectNode().put("apiVersion", "admission.k8s.io/v1").put("kind", "AdmissionReview");
        ObjectNode request = review.putObject("request").put("uid", "7c9e6679-7425-40de-944b-e07fc1f90ae7").put("operation", "CREATE")
                .put("namespace", "orders");
        request.putObject("kind").put("group", "").put("version", "v1").put("kind", kind);
        request.set("object", object);
        return JSON.writeValueAsBytes(review);
    }
}
