package io.natsguard.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The attacks on the webhook's judgement itself, over real HTTPS with the real judge: what makes
 * exponential or unbounded work from a few kilobytes is denied at the bound that stops it, well
 * inside the deadline, and a path in an object is never opened on the webhook's own disk.
 */
@QuarkusTest
@TestProfile(BoundedReviewsTest.AloneProfile.class)
class BoundedReviewsTest {

    /**
     * Each object judged alone: no Kubernetes API to look related objects up in. A deadline far
     * past any bound's: this app starts for this test alone, and its first review, on a cold JVM,
     * must be judged at its bound, not answered "not checked" at the 3 s deadline.
     */
    public static class AloneProfile implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("natsguard.lookups.enabled", "false", "natsguard.review.deadline", "60s");
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aConfigMapOfKeysThatIncludeTheNextTwiceIsDeniedAtTheIncludeDepth() throws Exception {
        Map<String, String> data = new java.util.LinkedHashMap<>();
        data.put("nats.conf", "port: 4222\ninclude f1.conf\ninclude f1.conf\n");
        for (int level = 1; level <= 40; level++) {
            String next = "include f" + (level + 1) + ".conf\n";
            data.put("f" + level + ".conf", "a" + level + ": " + level + "\n" + next + next);
        }
        ObjectNode configMap = object("v1", "ConfigMap", "include-bomb");
        configMap.set("data", JSON.valueToTree(data));
        JsonNode response = review("ConfigMap", configMap);
        assertThat(response.path("allowed").asBoolean()).isFalse();
        assertThat(response.path("status").path("message").asText())
                .contains("[limit-exceeded]", "includes nested deeper than 16 files", "limits.max-include-depth");
    }

    @Test
    void aVariableGraphIsDeniedAtTheExpandedSize() throws Exception {
        StringBuilder conf = new StringBuilder("v0: 1\n");
        for (int level = 1; level <= 40; level++) {
            conf.append("v").append(level).append(": {a: $v").append(level - 1).append(", b: $v").append(level - 1).append("}\n");
        }
        ObjectNode configMap = object("v1", "ConfigMap", "graph");
        configMap.putObject("data").put("nats.conf", conf.toString());
        JsonNode response = review("ConfigMap", configMap);
        assertThat(response.path("allowed").asBoolean()).isFalse();
        assertThat(response.path("status").path("message").asText()).contains("[limit-exceeded]", "limits.max-expanded-size");
    }

    @Test
    void aHelmReleaseOfAMillionReplicasIsDeniedAtTheReplicasBound() throws Exception {
        ObjectNode release = object("helm.toolkit.fluxcd.io/v2", "HelmRelease", "nats");
        release.set("spec", JSON.readTree("""
                {"chart": {"spec": {"chart": "nats"}},
                 "values": {"config": {"cluster": {"enabled": true, "replicas": 1000000}}}}
                """));
        JsonNode response = review("HelmRelease", release);
        assertThat(response.path("allowed").asBoolean()).isFalse();
        assertThat(response.path("status").path("message").asText())
                .contains("[limit-exceeded]", "asks for 1000000 replicas", "limits.max-replicas");
    }

    @Test
    void anArgoCdValueFileIsNeverOpenedOnTheWebhooksDisk() throws Exception {
        Path secret = Files.createTempFile("natsguard-webhook-disk", ".yaml");
        try {
            Files.writeString(secret, "config: { cluster: { routeURLs: { password: Webhook-Disk-S3cret } } }\n");
            ObjectNode app = object("argoproj.io/v1alpha1", "Application", "nats");
            app.set("spec", JSON.readTree("""
                    {"destination": {"namespace": "nats"},
                     "source": {"chart": "nats", "helm": {"valueFiles": ["%s", "/etc/passwd"]}}}
                    """.formatted(secret.toAbsolutePath())));
            String answer = reviewText("Application", app);
            JsonNode response = JSON.readTree(answer).path("response");
            assertThat(response.path("allowed").asBoolean()).isTrue();
            assertThat(response.path("warnings").toString()).contains("helm-values-unchecked", "natsguard reads no file here");
            assertThat(answer).doesNotContain("Webhook-Disk-S3cret").doesNotContain("root:");
        } finally {
            Files.delete(secret);
        }
    }

    private static ObjectNode object(String apiVersion, String kind, String name) {
        ObjectNode object = JSON.createObjectNode().put("apiVersion", apiVersion).put("kind", kind);
        object.putObject("metadata").put("name", name).put("namespace", "nats");
        return object;
    }

    private static JsonNode review(String kind, ObjectNode object) throws Exception {
        return JSON.readTree(reviewText(kind, object)).path("response");
    }

    /** The answer's body; every one of these is judged, not answered "not checked" at the deadline. */
    private static String reviewText(String kind, ObjectNode object) throws Exception {
        ObjectNode review = JSON.createObjectNode().put("apiVersion", "admission.k8s.io/v1").put("kind", "AdmissionReview");
        ObjectNode request = review.putObject("request").put("uid", "bounded-" + kind).put("operation", "CREATE");
        request.putObject("kind").put("group", "").put("version", "v1").put("kind", kind);
        request.set("object", object);
        HttpClient client = Https.client("tls");
        HttpResponse<String> answer = client.send(HttpRequest.newBuilder(URI.create(Https.base() + "/validate"))
                .timeout(Duration.ofSeconds(90)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(review))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(answer.body()).doesNotContain("natsguard: not checked");
        return answer.body();
    }
}
