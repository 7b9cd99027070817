package io.natsguard.webhook;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;

/**
 * Reads the objects a review needs besides its own from the Kubernetes API, read-only: one object
 * by kind and name, or the objects of a kind in a namespace, each as a JSON object. Kinds:
 * ConfigMap, StatefulSet, Service (the ClusterRole in webhook-manifests grants exactly these).
 */
public interface ObjectLookup {

    /**
     * The most objects one list gives: every one is judged with the review, which has a deadline;
     * a namespace that holds more is too many to look up.
     */
    int MOST_LISTED = 250;

    /**
     * The API could not answer in time (unreachable, slow, forbidden), or holds more than natsguard
     * looks up; the reason is safe to show.
     */
    final class Unavailable extends Exception {

        public Unavailable(String reason) {
            super(reason);
        }
    }

    Optional<ObjectNode> get(String kind, String namespace, String name) throws Unavailable;

    /** Every object of a kind in a namespace; {@link Unavailable} when there are more than {@link #MOST_LISTED}. */
    List<ObjectNode> list(String kind, String namespace) throws Unavailable;
}
