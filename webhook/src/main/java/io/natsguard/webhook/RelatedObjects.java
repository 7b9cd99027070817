package io.natsguard.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.natsguard.model.ClusterModelBuilder;
import io.natsguard.source.KubeObject;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a review must see besides its own object, fetched through an {@link ObjectLookup}: for a
 * StatefulSet or Deployment, the ConfigMaps mounted into its nats-server container; for a NATS
 * ConfigMap or Secret, the StatefulSets that mount it; for a {@code statefulsets/scale} write, the
 * StatefulSet at its new size with its ConfigMaps; and the namespace's Services whenever something
 * related was found. It gives the documents as they will be after the change and as they are
 * before it, so that a review answers only for what the change brings; and notes for what it
 * could not find. Secrets are never read (the webhook has no RBAC for them).
 */
final class RelatedObjects {

    /** The documents after and before the change, by name; notes say what could not be looked up. */
    record Found(Map<String, String> after, Map<String, String> before, List<String> notes) {

        boolean nothingRelated() {
            return before.isEmpty();
        }
    }

    /** One field per line: a value that changes (replicas) moves no other finding's position. */
    private static final ObjectWriter DOCUMENT = new ObjectMapper().writerWithDefaultPrettyPrinter();

    private final ObjectLookup lookup;

    RelatedObjects(ObjectLookup lookup) {
        this.lookup = lookup;
    }

    /**
     * @param request the AdmissionReview request
     * @param name    the name the object goes by in findings ({@code Kind namespace/name})
     * @param object  the object as it is judged
     */
    Found find(JsonNode request, String name, ObjectNode object) {
        Found found = new Found(new LinkedHashMap<>(), new LinkedHashMap<>(), new ArrayList<>());
        String namespace = request.path("namespace").asText(KubeObject.DEFAULT_NAMESPACE);
        String objectName = request.path("name").asText("");
        try {
            if (isStatefulSetScale(request)) {
                String label = "StatefulSet " + namespace + "/" + objectName;
                Optional<ObjectNode> statefulSet = lookup.get("StatefulSet", namespace, objectName);
                if (statefulSet.isEmpty()) {
                    found.notes().add(label + " not found: the new size is not checked");
                    return found;
                }
                found.before().put(label, document(statefulSet.get()));
                ObjectNode resized = statefulSet.get().deepCopy();
                resized.withObjectProperty("spec").set("replicas", request.path("object").path("spec").path("replicas"));
                found.after().put(label, document(resized));
                addMounted(found, label, resized, namespace);
            } else {
                found.after().put(name, document(object));
                switch (object.path("kind").asText()) {
                    case "StatefulSet", "Deployment" -> addMounted(found, name, object, namespace);
                    case "ConfigMap", "Secret" -> addMountingStatefulSets(found, object.path("kind").asText(), objectName, namespace);
                    default -> {
                        return found; // a Pod, HelmRelease or Application holds its whole configuration
                    }
                }
            }
            if (!found.nothingRelated()) {
                for (ObjectNode service : lookup.list("Service", namespace)) {
                    both(found, "Service " + namespace + "/" + service.path("metadata").path("name").asText(), service);
                }
            }
        } catch (ObjectLookup.Unavailable e) {
            found.before().clear();
            found.notes().add("related objects not looked up (" + e.getMessage() + "): checked alone");
        }
        return found;
    }

    private static boolean isStatefulSetScale(JsonNode request) {
        return "scale".equals(request.path("subResource").asText())
                && "statefulsets".equals(request.path("resource").path("resource").asText());
    }

    private void addMounted(Found found, String workload, ObjectNode json, String namespace) throws ObjectLookup.Unavailable {
        for (ClusterModelBuilder.Mounted mounted : mountedByNatsServer(workload, json)) {
            if (!mounted.kind().equals("ConfigMap")) {
                continue; // Secrets are not read; a TLS Secret is mounted into every good StatefulSet
            }
            String label = "ConfigMap " + namespace + "/" + mounted.name();
            Optional<ObjectNode> configMap = lookup.get("ConfigMap", namespace, mounted.name());
            if (configMap.isPresent()) {
                both(found, label, configMap.get());
            } else {
                found.notes().add(label + " not found: the configuration it mounts is not checked");
            }
        }
    }

    private void addMountingStatefulSets(Found found, String kind, String holder, String namespace) throws ObjectLookup.Unavailable {
        for (ObjectNode statefulSet : lookup.list("StatefulSet", namespace)) {
            String label = "StatefulSet " + namespace + "/" + statefulSet.path("metadata").path("name").asText();
            if (mountedByNatsServer(label, statefulSet).contains(new ClusterModelBuilder.Mounted(kind, holder))) {
                both(found, label, statefulSet);
            }
        }
        if (found.nothingRelated()) {
            found.notes().add("no StatefulSet in " + namespace + " mounts " + kind + " " + holder + " yet: routes against replicas not checked");
        }
    }

    private static List<ClusterModelBuilder.Mounted> mountedByNatsServer(String label, ObjectNode workload) {
        List<KubeObject> objects = JsonManifests.read(label, document(workload)).objects();
        return objects.isEmpty() ? List.of() : ClusterModelBuilder.mountedByNatsServer(objects.get(0));
    }

    private static void both(Found found, String label, ObjectNode object) {
        String document = document(object);
        found.before().put(label, document);
        found.after().put(label, document);
    }

    private static String document(ObjectNode object) {
        try {
            return DOCUMENT.writeValueAsString(object);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e); // a tree Jackson built always writes
        }
    }
}
