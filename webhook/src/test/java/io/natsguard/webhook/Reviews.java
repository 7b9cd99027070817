package io.natsguard.webhook;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;

/** Small AdmissionReviews for tests that are about the server, not the rules. */
final class Reviews {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Reviews() {
    }

    /** A small ConfigMap review (no NATS configuration) with this uid ({@link ControlledJudge} reads it). */
    static byte[] configMap(String uid) {
        return ("{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"request\":{\"uid\":\"" + uid + "\","
                + "\"kind\":{\"group\":\"\",\"version\":\"v1\",\"kind\":\"ConfigMap\"},\"namespace\":\"web\",\"operation\":\"CREATE\","
                + "\"object\":{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"site\",\"namespace\":\"web\"},"
                + "\"data\":{\"index.html\":\"<p>hello</p>\"}},\"dryRun\":false}}").getBytes(StandardCharsets.UTF_8);
    }

    /** A review of about {@code size} bytes: a ConfigMap with that much text that is no NATS configuration. */
    static byte[] padded(int size) throws Exception {
        ObjectNode review = (ObjectNode) JSON.readTree(configMap("large"));
        ((ObjectNode) review.at("/request/object/data")).put("page.html", "<p>" + "x".repeat(size) + "</p>");
        return JSON.writeValueAsBytes(review);
    }
}
