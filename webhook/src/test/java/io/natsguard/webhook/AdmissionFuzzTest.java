package io.natsguard.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.natsguard.policy.Policy;
import java.util.Optional;

/**
 * Fuzzing of AdmissionReview decoding and judging (Jazzer): whatever body arrives, the answer is an
 * HTTP 200 AdmissionReview or an HTTP 400 Status, valid JSON either way; never an exception.
 * {@code mvn test} replays the seeds (admission corpus requests) under {@code AdmissionFuzzTestInputs/};
 * fuzz it for real with {@code JAZZER_FUZZ=1 mvn -f webhook/pom.xml test -Dtest=AdmissionFuzzTest} (docs/quality.md).
 */
class AdmissionFuzzTest {

    private static final AdmissionReviewer REVIEWER = new AdmissionReviewer(Policy.defaults(), Optional.empty());
    private static final ObjectMapper JSON = new ObjectMapper();

    @FuzzTest(maxDuration = "60s")
    void anyBodyGetsAnAnswerNeverAnException(byte[] body) throws Exception {
        AdmissionReviewer.Answer answer = REVIEWER.review(body);
        assertThat(answer.http()).isIn(200, 400);
        JsonNode parsed = JSON.readTree(answer.body());
        assertThat(parsed.path("kind").asText()).isEqualTo(answer.http() == 200 ? "AdmissionReview" : "Status");
    }
}
