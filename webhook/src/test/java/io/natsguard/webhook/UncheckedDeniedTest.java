package io.natsguard.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@code natsguard.review.unchecked=deny} (the strict variant), over real HTTPS: a review that runs
 * into the deadline is refused with 403 "not checked", and its work is stopped; a review judged in
 * time is answered by the rules as ever. The slow review comes from {@link ControlledJudge}.
 */
@QuarkusTest
@TestProfile(UncheckedDeniedTest.StrictProfile.class)
class UncheckedDeniedTest {

    /** As the strict variant sets it; a 1 s deadline; the controlled judge. */
    public static class StrictProfile implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("natsguard.review.unchecked", "deny", "natsguard.review.deadline", "1s", "natsguard.lookups.enabled", "false");
        }

        @Override
        public Set<Class<?>> getEnabledAlternatives() {
            return Set.of(ControlledJudge.class);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aReviewPastTheDeadlineIsRefusedAsNotChecked() throws Exception {
        int stoppedBefore = ControlledJudge.STOPPED.get();
        HttpResponse<String> answer = Https.client("tls").send(Https.post(Reviews.configMap("spin-strict")), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonNode response = JSON.readTree(answer.body()).path("response");
        assertThat(response.path("uid").asText()).isEqualTo("spin-strict");
        assertThat(response.path("allowed").asBoolean()).isFalse();
        assertThat(response.path("status").path("code").asInt()).isEqualTo(403);
        assertThat(response.path("status").path("message").asText())
                .startsWith("natsguard: not checked: the review took longer than 1000 ms").contains("natsguard.review.unchecked=deny");
        Https.eventually(() -> {
            if (ControlledJudge.STOPPED.get() == stoppedBefore) {
                throw new IllegalStateException("the review's work has not stopped yet");
            }
            return true;
        });
    }

    @Test
    void aReviewJudgedInTimeIsAnsweredByTheRules() throws Exception {
        HttpResponse<String> good = Https.client("tls").send(Https.post(Files.readAllBytes(Corpus.ADMISSION.resolve("configmap-good-create.json"))),
                HttpResponse.BodyHandlers.ofString());
        assertThat(JSON.readTree(good.body()).at("/response/allowed").asBoolean()).as(good.body()).isTrue();
    }
}
