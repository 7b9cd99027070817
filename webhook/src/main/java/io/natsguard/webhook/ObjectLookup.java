package io.natsguard.webhook;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;

/**
 * Reads the objects a review needs besides its own from the Kubernetes API, read-only: one object
 * by kind and name, or every object of a kind in a namespace, each as a JSON object. Kinds:
 * ConfigMap, StatefulSet, Service (the ClusterRole in webhook-manifests grants exactly these).
 */
public interface ObjectLookup {

    /** The API could not answer in time (unreachable, slow, forbidden); the reason is safe to show. */
    final class Unavailable extends Exception {

        public Unavailable(String reason) {
            super(reason);
        }
    }

    Optional<ObjectNode> get(String kind, String namespace, String name) throws Unavailable;

    List<ObjectNode> list(String kind, String namespace) throws Unavailable;
}
