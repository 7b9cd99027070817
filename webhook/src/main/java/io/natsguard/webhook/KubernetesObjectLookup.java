package io.natsguard.webhook;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.api.model.ListOptions;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.natsguard.limit.Cancellation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@link ObjectLookup} through the Kubernetes API with the fabric8 client Quarkus configures (in
 * the cluster: the pod's service account; timeouts and no retries: {@link LookupClientConfig}). Only
 * get and list (one page), only ConfigMaps, StatefulSets and Services.
 */
final class KubernetesObjectLookup implements ObjectLookup {

    private final KubernetesClient client;

    KubernetesObjectLookup(KubernetesClient client) {
        this.client = client;
    }

    @Override
    public Optional<ObjectNode> get(String kind, String namespace, String name) throws Unavailable {
        try {
            HasMetadata found = switch (kind) {
                case "ConfigMap" -> client.configMaps().inNamespace(namespace).withName(name).get();
                case "StatefulSet" -> client.apps().statefulSets().inNamespace(namespace).withName(name).get();
                default -> throw new IllegalArgumentException("natsguard does not look up " + kind);
            };
            return found == null ? Optional.empty() : Optional.of(tree(found));
        } catch (KubernetesClientException e) {
            throw unavailable("get " + kind + " " + namespace + "/" + name, e);
        }
    }

    /** One page of at most {@link #MOST_LISTED}: a continue token means more, which is too many. */
    @Override
    public List<ObjectNode> list(String kind, String namespace) throws Unavailable {
        KubernetesResourceList<? extends HasMetadata> page;
        try {
            page = switch (kind) {
                case "StatefulSet" -> client.apps().statefulSets().inNamespace(namespace).list(onePage());
                case "Service" -> client.services().inNamespace(namespace).list(onePage());
                default -> throw new IllegalArgumentException("natsguard does not list " + kind);
            };
        } catch (KubernetesClientException e) {
            throw unavailable("list " + kind + " in " + namespace, e);
        }
        String more = page.getMetadata() == null ? null : page.getMetadata().getContinue();
        if (more != null && !more.isEmpty()) {
            throw new Unavailable("more than " + MOST_LISTED + " " + kind + "s in " + namespace + ", too many to look up");
        }
        List<ObjectNode> trees = new ArrayList<>();
        for (HasMetadata item : page.getItems()) {
            Cancellation.checkpoint();
            trees.add(tree(item));
        }
        return trees;
    }

    private static ListOptions onePage() {
        return new ListOptionsBuilder().withLimit((long) MOST_LISTED).build();
    }

    /** Items of a list come without kind and apiVersion from the API server; the model classes know them. */
    private ObjectNode tree(HasMetadata object) throws Unavailable {
        try {
            ObjectNode tree = client.getKubernetesSerialization().convertValue(object, ObjectNode.class);
            tree.put("kind", object.getKind());
            tree.put("apiVersion", object.getApiVersion());
            return tree;
        } catch (IllegalArgumentException e) {
            throw new Unavailable("the API answered with something that is not a Kubernetes object");
        }
    }

    /** The status code and the API's reason, never the object. */
    private static Unavailable unavailable(String what, KubernetesClientException e) {
        String reason = e.getCode() > 0 ? "HTTP " + e.getCode() : e.getCause() != null ? e.getCause().getClass().getSimpleName() : "no answer";
        return new Unavailable(what + ": " + reason);
    }
}
