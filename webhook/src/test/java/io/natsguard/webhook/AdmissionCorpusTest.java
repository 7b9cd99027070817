package io.natsguard.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every request of ../shared/corpus/admission/ posted over real HTTPS, as the API server posts it:
 * the HTTP status, the verdict and the status code of EXPECTED.tsv, and never the planted secret.
 */
@QuarkusTest
@QuarkusTestResource(RotatingCertificates.class)
@WithKubernetesTestServer(https = true)
class AdmissionCorpusTest {

    /** A stub Kubernetes API over HTTPS on loopback, holding for each row the objects of its context column. */
    @KubernetesTestServer
    KubernetesServer api;

    /** The webhook's own client of the API. */
    @Inject
    KubernetesClient client;

    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<Arguments> rows() throws Exception {
        List<String> lines = Files.readAllLines(Corpus.ADMISSION.resolve("EXPECTED.tsv"));
        String[] header = lines.get(0).split("\t");
        return lines.stream().skip(1).filter(l -> !l.isBlank()).map(line -> {
            String[] cells = line.split("\t", -1);
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < header.length; i++) {
                row.put(header[i], cells[i]);
            }
            return Arguments.of(Named.of(row.get("file"), row));
        });
    }

    @ParameterizedTest
    @MethodSource("rows")
    void theAnswerIsTheExpectedOne(Map<String, String> row) throws Exception {
        List<HasMetadata> context = new ArrayList<>();
        HttpResponse<String> answer;
        try {
            for (String file : row.get("context").equals("-") ? List.<String>of() : List.of(row.get("context").split(" "))) {
                context.add(api.getClient().resource(contextObject(file)).create());
            }
            answer = post(Files.readAllBytes(Corpus.ADMISSION.resolve(row.get("file"))));
        } finally {
            context.forEach(object -> api.getClient().resource(object).delete());
        }
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(Integer.parseInt(row.get("http")));
        if (!row.get("secret").equals("-")) {
            assertThat(answer.body()).doesNotContain(row.get("secret"));
        }
        if (row.get("body").equals("error")) {
            assertThat(JSON.readTree(answer.body()).path("kind").asText()).isEqualTo("Status");
            return;
        }
        JsonNode review = JSON.readTree(answer.body());
        JsonNode request = JSON.readTree(Files.readAllBytes(Corpus.ADMISSION.resolve(row.get("file"))));
        assertThat(review.path("apiVersion").asText()).isEqualTo(request.path("apiVersion").asText());
        assertThat(review.path("kind").asText()).isEqualTo("AdmissionReview");
        assertThat(review.at("/response/uid").asText()).isEqualTo(request.at("/request/uid").asText());
        assertThat(review.at("/response/allowed").asText()).isEqualTo(row.get("allowed"));
        if (!row.get("status_code").equals("-")) {
            assertThat(review.at("/response/status/code").asText()).isEqualTo(row.get("status_code"));
        }
        assertThat(review.at("/response/patch").isMissingNode()).isTrue();
    }

    @Test
    void theServerKeepsServingAfterBadRequests() throws Exception {
        for (String body : List.of("", "[1,2]", "{\"kind\":\"AdmissionReview\"", "{}")) {
            assertThat(post(body.getBytes()).statusCode()).isEqualTo(400);
        }
        assertThat(post(Files.readAllBytes(Corpus.ADMISSION.resolve("configmap-good-create.json"))).statusCode()).isEqualTo(200);
    }

    @Test
    void readinessSaysThePolicyIsLoaded() throws Exception {
        HttpResponse<String> ready = Https.client("tls").send(HttpRequest.newBuilder(URI.create(Https.base() + "/q/health/ready")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(ready.body()).at("/checks/0/name").asText()).isEqualTo("policy");
    }

    @Test
    void noPlantedSecretReachesTheLog() throws Exception {
        List<String> secrets = rows().map(a -> (Map<?, ?>) ((Named<?>) a.get()[0]).getPayload())
                .map(row -> (String) row.get("secret")).filter(secret -> !secret.equals("-")).toList();
        assertThat(secrets).hasSize(4);
        for (String file : List.of("configmap-route-credentials-plaintext-create.json", "helmrelease-v2beta2-converted-route-credentials-create.json")) {
            post(Files.readAllBytes(Corpus.ADMISSION.resolve(file)));
        }
        String log = Files.readString(Path.of("target/webhook-test.log"));
        assertThat(log).contains("natsguard-webhook");
        for (String secret : secrets) {
            assertThat(log).doesNotContain(secret);
        }
    }

    @Test
    void concurrentReviewsAllGetTheirAnswer() throws Exception {
        byte[] bad = Files.readAllBytes(Corpus.ADMISSION.resolve("configmap-single-dns-route-create.json"));
        List<java.util.concurrent.CompletableFuture<HttpResponse<String>>> answers = new java.util.ArrayList<>();
        var client = Https.client("tls");
        for (int i = 0; i < 24; i++) {
            answers.add(client.sendAsync(HttpRequest.newBuilder(URI.create(Https.base() + "/validate"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(bad)).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        for (var answer : answers) {
            HttpResponse<String> response = answer.get(30, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(response.statusCode()).isIn(200, 503);
            if (response.statusCode() == 200) {
                // Denied, or (a loaded machine: the review deadline came first) let through with the
                // warning that says it was not checked; never let through silently.
                JsonNode answered = JSON.readTree(response.body()).path("response");
                if (answered.path("allowed").asBoolean()) {
                    assertThat(answered.path("warnings").toString()).contains("natsguard: not checked: the review took longer than");
                }
            }
        }
    }

    @Test
    void reviewsAndFindingsAreCountedForPrometheus() throws Exception {
        post(Files.readAllBytes(Corpus.ADMISSION.resolve("configmap-single-dns-route-create.json")));
        HttpResponse<String> metrics = Https.client("tls").send(HttpRequest.newBuilder(URI.create(Https.base() + "/q/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.body()).contains("natsguard_review_seconds_count{allowed=\"false\",dry_run=\"false\",kind=\"ConfigMap\",operation=\"CREATE\"}")
                .contains("natsguard_findings_total{rule=\"routes-single-dns-name\"}")
                .contains("natsguard_review_seconds_bucket");
    }

    @Test
    void aCertificateRotatedOnDiskIsServedWithoutARestart() throws Exception {
        HttpRequest health = HttpRequest.newBuilder(URI.create(Https.base() + "/q/health/ready")).build();
        try {
            RotatingCertificates.install("rotated");
            assertThat(Https.eventually(() -> Https.client("rotated").send(health, HttpResponse.BodyHandlers.ofString()).statusCode()))
                    .isEqualTo(200);
        } finally {
            RotatingCertificates.install("tls");
            Https.eventually(() -> Https.client("tls").send(health, HttpResponse.BodyHandlers.ofString()).statusCode());
        }
    }

    @Test
    void aNamespaceWithMoreServicesThanOneListHoldsIsTooManyToLookUp() throws Exception {
        api.expect().get().withPath("/api/v1/namespaces/nats-many/services?limit=250")
                .andReturn(200, "{\"apiVersion\":\"v1\",\"kind\":\"ServiceList\",\"metadata\":{\"continue\":\"more\"},\"items\":[]}").once();
        HasMetadata configMap = api.getClient().resource(contextObject(inNamespace("pair-replicas5-configmap-create.json", "nats-many"))).create();
        JsonNode response;
        try {
            response = JSON.readTree(post(inNamespace("pair-replicas5-statefulset-create.json", "nats-many")).body()).path("response");
        } finally {
            api.getClient().resource(configMap).delete();
        }
        assertThat(response.path("allowed").asBoolean()).isTrue();
        assertThat(response.path("warnings").toString())
                .contains("natsguard: related objects not looked up (more than 250 Services in nats-many, too many to look up): checked alone");
    }

    @Test
    void aNamespaceWithMoreStatefulSetsThanOneListHoldsIsTooManyToLookUp() throws Exception {
        api.expect().get().withPath("/apis/apps/v1/namespaces/nats-many-sets/statefulsets?limit=250")
                .andReturn(200, "{\"apiVersion\":\"apps/v1\",\"kind\":\"StatefulSetList\",\"metadata\":{\"continue\":\"more\"},\"items\":[]}")
                .once();
        JsonNode response = JSON.readTree(post(inNamespace("pair-replicas5-configmap-create.json", "nats-many-sets")).body()).path("response");
        assertThat(response.path("allowed").asBoolean()).isTrue();
        assertThat(response.path("warnings").toString()).contains("more than 250 StatefulSets in nats-many-sets, too many to look up");
    }

    /**
     * Six mounted ConfigMaps from an API that takes 600 ms a call would take the review past its
     * 3 s deadline; no call starts after the first second, so it is checked alone well before.
     */
    @Test
    void aReviewWhoseApiIsSlowIsCheckedAloneBeforeItsDeadline() throws Exception {
        ObjectNode review = (ObjectNode) JSON.readTree(inNamespace("pair-replicas5-statefulset-create.json", "nats-slow"));
        ObjectNode pod = (ObjectNode) review.at("/request/object/spec/template/spec");
        for (int i = 1; i <= 5; i++) {
            ((ArrayNode) pod.path("volumes")).addObject().put("name", "extra-" + i)
                    .putObject("configMap").put("name", "extra-" + i);
            ((ArrayNode) pod.path("containers").path(0).path("volumeMounts")).addObject()
                    .put("name", "extra-" + i).put("mountPath", "/etc/extra-" + i);
        }
        for (String configMap : List.of("nats-config", "extra-1", "extra-2", "extra-3", "extra-4", "extra-5")) {
            api.expect().get().delay(600, TimeUnit.MILLISECONDS).withPath("/api/v1/namespaces/nats-slow/configmaps/" + configMap)
                    .andReturn(404, "{\"apiVersion\":\"v1\",\"kind\":\"Status\",\"status\":\"Failure\",\"code\":404}").once();
        }
        HttpResponse<String> answer = post(JSON.writeValueAsBytes(review));
        assertThat(answer.body()).doesNotContain("natsguard: not checked");
        assertThat(JSON.readTree(answer.body()).at("/response/warnings").toString())
                .contains("natsguard: related objects not looked up (the lookups took longer than 1000 ms): checked alone");
    }

    @Test
    void theLookupClientGivesUpAfterTheLookupTimeoutAndNeverRetries() {
        // natsguard.lookups.timeout (1s), set as the client is made, not fabric8's 10 s
        assertThat(client.getConfiguration().getRequestTimeout()).isEqualTo(1000);
        assertThat(client.getConfiguration().getConnectionTimeout()).isEqualTo(1000);
        assertThat(client.getConfiguration().getRequestRetryBackoffLimit()).isZero();
    }

    /** A corpus request moved to another namespace, with its object. */
    private static byte[] inNamespace(String file, String namespace) throws Exception {
        ObjectNode review = (ObjectNode) JSON.readTree(Files.readAllBytes(Corpus.ADMISSION.resolve(file)));
        ((ObjectNode) review.path("request")).put("namespace", namespace);
        ((ObjectNode) review.at("/request/object/metadata")).put("namespace", namespace);
        return JSON.writeValueAsBytes(review);
    }

    /** The object of a context request, as the API server would store it. */
    private static String contextObject(String file) throws Exception {
        return contextObject(Files.readAllBytes(Corpus.ADMISSION.resolve(file)));
    }

    private static String contextObject(byte[] review) throws Exception {
        ObjectNode object = (ObjectNode) JSON.readTree(review).path("request").path("object");
        ((ObjectNode) object.path("metadata")).remove(List.of("managedFields", "resourceVersion", "uid"));
        return object.toString();
    }

    private static HttpResponse<String> post(byte[] body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(Https.base() + "/validate?timeout=10s"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").header("User-Agent", "kube-apiserver-admission")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        return Https.client("tls").send(request, HttpResponse.BodyHandlers.ofString());
    }
}
