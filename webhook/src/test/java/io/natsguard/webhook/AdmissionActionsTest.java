package io.natsguard.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.natsguard.policy.Policy;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The policy's per-rule {@code admission = deny | warn | off} decides the answer, not the severity alone. */
class AdmissionActionsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private JsonNode response(String policy, String request) throws Exception {
        Path file = Files.writeString(dir.resolve("policy.conf"), policy);
        AdmissionReviewer reviewer = new AdmissionReviewer(Policy.load(file), java.util.Optional.empty());
        AdmissionReviewer.Answer answer = reviewer.review(Files.readAllBytes(Corpus.ADMISSION.resolve(request)));
        assertThat(answer.http()).isEqualTo(200);
        return JSON.readTree(answer.body()).path("response");
    }

    @Test
    void denyIsTheDefaultForAnError() throws Exception {
        JsonNode response = response("", "configmap-single-dns-route-create.json");
        assertThat(response.path("allowed").asBoolean()).isFalse();
        assertThat(response.path("status").path("message").asText()).contains("[routes-single-dns-name]");
    }

    @Test
    void warnAllowsWithTheFindingAsAWarning() throws Exception {
        JsonNode response = response("rules { routes-single-dns-name { admission = warn } }", "configmap-single-dns-route-create.json");
        assertThat(response.path("allowed").asBoolean()).isTrue();
        assertThat(response.path("warnings").toString()).contains("routes-single-dns-name: ");
    }

    @Test
    void offLeavesTheFindingOutOfTheAnswer() throws Exception {
        JsonNode response = response("rules { routes-single-dns-name { admission = off } }", "configmap-single-dns-route-create.json");
        assertThat(response.path("allowed").asBoolean()).isTrue();
        assertThat(response.path("warnings").toString()).doesNotContain("routes-single-dns-name");
    }

    @Test
    void denyCanBeStricterThanTheSeverity() throws Exception {
        JsonNode lenient = response("rules { routes-single-dns-name { severity = warning } }", "configmap-single-dns-route-create.json");
        assertThat(lenient.path("allowed").asBoolean()).isTrue();
        JsonNode strict = response("rules { routes-single-dns-name { severity = warning, admission = deny } }",
                "configmap-single-dns-route-create.json");
        assertThat(strict.path("allowed").asBoolean()).isFalse();
    }
}
