package io.natsguard.webhook;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A Kubernetes {@code Status} body ({@code kind: Status, apiVersion: v1}), the answer when no
 * AdmissionReview can be given: client-go shows its one-line message as the webhook's error.
 */
final class KubeStatus {

    /** Seconds a client should wait before it sends a review again after a 503. */
    static final String RETRY_AFTER_SECONDS = "1";

    private KubeStatus() {
    }

    static String json(int code, String reason, String message) {
        ObjectNode status = JsonNodeFactory.instance.objectNode();
        status.put("kind", "Status");
        status.put("apiVersion", "v1");
        status.put("status", "Failure");
        status.put("reason", reason);
        status.put("code", code);
        status.put("message", message.replace('\n', ' '));
        return status.toString();
    }

    /** 503: natsguard is at one of its limits; the client may try again after {@link #RETRY_AFTER_SECONDS}. */
    static String unavailable(String message) {
        return json(503, "ServiceUnavailable", message);
    }
}
