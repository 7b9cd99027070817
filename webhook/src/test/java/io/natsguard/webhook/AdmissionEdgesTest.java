package io.natsguard.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.natsguard.policy.Policy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The edges of the envelope and of the answer: one JSON value per body; texts cut between characters, never inside one. */
class AdmissionEdgesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AdmissionReviewer REVIEWER = new AdmissionReviewer(Policy.defaults(), Optional.empty());

    private static byte[] corpus(String file) throws Exception {
        return Files.readAllBytes(Corpus.ADMISSION.resolve(file));
    }

    @ParameterizedTest
    @ValueSource(strings = {"x", "}", "{}", "{\"kind\":\"AdmissionReview\"}", "[]", "null"})
    void aReviewFollowedByAnythingButWhiteSpaceIsABadRequest(String trailing) throws Exception {
        byte[] review = corpus("configmap-good-create.json");
        byte[] body = (new String(review, StandardCharsets.UTF_8) + "\n" + trailing).getBytes(StandardCharsets.UTF_8);
        AdmissionReviewer.Answer answer = REVIEWER.review(body);
        assertThat(answer.http()).isEqualTo(400);
        JsonNode status = JSON.readTree(answer.body());
        assertThat(status.path("kind").asText()).isEqualTo("Status");
        assertThat(status.path("message").asText()).startsWith("the request body is not a JSON AdmissionReview: ");
    }

    @Test
    void trailingWhiteSpaceIsNoGarbage() throws Exception {
        byte[] body = (new String(corpus("configmap-good-create.json"), StandardCharsets.UTF_8) + " \r\n\t ").getBytes(StandardCharsets.UTF_8);
        assertThat(REVIEWER.review(body).http()).isEqualTo(200);
    }

    @Test
    void aTextIsCutBetweenCharacters() {
        String faces = "\uD83D\uDE00".repeat(200); // 200 characters beyond U+FFFF, 400 UTF-16 units
        for (String text : new String[] {faces, "x" + faces, "xx" + faces}) {
            for (int max : new int[] {AdmissionReviewer.MAX_WARNING_LENGTH, AdmissionReviewer.MAX_MESSAGE_LENGTH, 7, 8}) {
                String cut = AdmissionReviewer.shorten(text, max);
                assertThat(cut.codePointCount(0, cut.length())).isLessThanOrEqualTo(max);
                assertThat(cut.codePoints()).as("no half of a surrogate pair").noneMatch(AdmissionEdgesTest::halfOfAPair);
                if (cut.length() < text.length()) {
                    assertThat(cut).endsWith("…");
                    assertThat(cut.codePointCount(0, cut.length())).isEqualTo(max);
                }
            }
        }
    }

    @Test
    void aLongDenialIsCutBetweenCharacters() throws Exception {
        ObjectNode review = (ObjectNode) JSON.readTree(corpus("configmap-single-dns-route-create.json"));
        // an odd number of UTF-16 units before the faces, so that a cut by units would fall inside a pair
        ((ObjectNode) review.at("/request/object/metadata")).put("name", "x" + "\uD83D\uDE00".repeat(1990));
        JsonNode response = JSON.readTree(REVIEWER.review(JSON.writeValueAsBytes(review)).body()).path("response");
        String message = response.path("status").path("message").asText();
        assertThat(response.path("allowed").asBoolean()).isFalse();
        assertThat(message).endsWith("…");
        assertThat(message.codePointCount(0, message.length())).isEqualTo(AdmissionReviewer.MAX_MESSAGE_LENGTH);
        assertThat(message.codePoints()).noneMatch(AdmissionEdgesTest::halfOfAPair);
    }

    private static boolean halfOfAPair(int codePoint) {
        return codePoint >= Character.MIN_SURROGATE && codePoint <= Character.MAX_SURROGATE;
    }

    @Test
    void anUncheckedReviewIsAllowedOrRefusedAsConfigured() throws Exception {
        AdmissionReviewer.Review review = (AdmissionReviewer.Review) REVIEWER.read(corpus("configmap-good-create.json"));
        JsonNode allowed = JSON.readTree(AdmissionReviewer.unchecked(review, "the review took longer than 3000 ms",
                WebhookConfig.Unchecked.ALLOW).body()).path("response");
        assertThat(allowed.path("allowed").asBoolean()).isTrue();
        assertThat(allowed.path("warnings").get(0).asText()).isEqualTo("natsguard: not checked: the review took longer than 3000 ms");
        JsonNode refused = JSON.readTree(AdmissionReviewer.unchecked(review, "the review took longer than 3000 ms",
                WebhookConfig.Unchecked.DENY).body()).path("response");
        assertThat(refused.path("allowed").asBoolean()).isFalse();
        assertThat(refused.path("status").path("code").asInt()).isEqualTo(403);
        assertThat(refused.path("status").path("message").asText()).startsWith("natsguard: not checked: the review took longer than 3000 ms")
                .contains("natsguard.review.unchecked=deny");
    }
}
