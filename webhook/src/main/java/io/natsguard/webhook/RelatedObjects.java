package io.natsguard.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.natsguard.limit.Cancellation;
import io.natsguard.model.ClusterModelBuilder;
import io.natsguard.source.KubeObject;
import java.io.UncheckedIOException;
import java.time.Duration;
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
 *
 * <p>The lookups of one review have a budget: no call starts once it is spent, and the object is
 * then checked alone, with a note, as when the API does not answer; so a slow API costs a review
 * its lookups, not its verdict. The review's deadline stops them too (at a checkpoint).
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
    private final Duration budget;

    /** @param budget how long after the first lookup of a review the last may start */
    RelatedObjects(ObjectLookup lookup, Duration budget) {
        this.lookup = lookup;
        this.budget = budget;
    }

    /**
     * @param request the AdmissionReview request
     * @param name    the name the object goes by in findings ({@code Kind namespace/name})
     * @param object  the object as it is judged
     */
    Found find(JsonNode request, String name, ObjectNode object) {
        Found found = new Found(new LinkedHashMap<>(), new LinkedHashMap<>(), new ArrayList<>());
        ObjectLookup calls = new Budgeted(lookup, budget);
        String namespace = request.path("namespace").asText(KubeObject.DEFAULT_NAMESPACE);
        String objectName = request.path("name").asText("");
        try {
            if (isStatefulSetScale(request)) {
                String label = "StatefulSet " + namespace + "/" + objectName;
                Optional<ObjectNode> statefulSet = calls.get("StatefulSet", namespace, objectName);
                if (statefulSet.isEmpty()) {
                    found.notes().add(label + " not found: the new size is not checked");
                    return found;
                }
                found.before().put(label, document(statefulSet.get()));
                ObjectNode resized = statefulSet.get().deepCopy();
                resized.withObjectProperty("spec").set("replicas", request.path("object").path("spec").path("replicas"));
                found.after().put(label, document(resized));
                addMounted(calls, found, label, resized, namespace);
            } else {
                found.after().put(name, document(object));
                switch (object.path("kind").asText()) {
                    case "StatefulSet", "Deployment" -> addMounted(calls, found, name, object, namespace);
                    case "ConfigMap", "Secret" -> addMountingStatefulSets(calls, found, object.path("kind").asText(), objectName, namespace);
                    default -> {
                        return found; // a Pod, HelmRelease or Application holds its whole configuration
                    }
                }
            }
            if (!found.nothingRelated()) {
                for (ObjectNode service : calls.list("Service", namespace)) {
                    Cancellation.checkpoint();
                    both(found, "Service " + namespace + "/" + service.path("metadata").path("name").asText(), document(service));
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

    private static void addMounted(ObjectLookup calls, Found found, String workload, ObjectNode json, String namespace)
            throws ObjectLookup.Unavailable {
        for (ClusterModelBuilder.Mounted mounted : mountedByNatsServer(workload, json)) {
            if (!mounted.kind().equals("ConfigMap")) {
                continue; // Secrets are not read; a TLS Secret is mounted into every good StatefulSet
            }
            String label = "ConfigMap " + namespace + "/" + mounted.name();
            Optional<ObjectNode> configMap = calls.get("ConfigMap", namespace, mounted.name());
            if (configMap.isPresent()) {
                both(found, label, document(configMap.get()));
            } else {
                found.notes().add(label + " not found: the configuration it mounts is not checked");
            }
        }
    }

    private static void addMountingStatefulSets(ObjectLookup calls, Found found, String kind, String holder, String namespace)
            throws ObjectLookup.Unavailable {
        for (ObjectNode statefulSet : calls.list("StatefulSet", namespace)) {
            Cancellation.checkpoint();
            String label = "StatefulSet " + namespace + "/" + statefulSet.path("metadata").path("name").asText();
            String document = document(statefulSet);
            if (mountedByNatsServer(label, document).contains(new ClusterModelBuilder.Mounted(kind, holder))) {
                both(found, label, document);
            }
        }
        if (found.nothingRelated()) {
            found.notes().add("no StatefulSet in " + namespace + " mounts " + kind + " " + holder + " yet: routes against replicas not checked");
        }
    }

    private static List<ClusterModelBuilder.Mounted> mountedByNatsServer(String label, ObjectNode workload) {
        return mountedByNatsServer(label, document(workload));
    }

    private static List<ClusterModelBuilder.Mounted> mountedByNatsServer(String label, String workload) {
        List<KubeObject> objects = JsonManifests.read(label, workload).objects();
        return objects.isEmpty() ? List.of() : ClusterModelBuilder.mountedByNatsServer(objects.get(0));
    }

    /**
     * The lookups of one review: each call made only while the budget lasts, and not once the
     * review was stopped.
     */
    private static final class Budgeted implements ObjectLookup {

        private final ObjectLookup lookup;
        private final Duration budget;
        private final long end;

        Budgeted(ObjectLookup lookup, Duration budget) {
            this.lookup = lookup;
            this.budget = budget;
            this.end = System.nanoTime() + budget.toNanos();
        }

        @Override
        public Optional<ObjectNode> get(String kind, String namespace, String name) throws Unavailable {
            beforeCall();
            return lookup.get(kind, namespace, name);
        }

        @Override
        public List<ObjectNode> list(String kind, String namespace) throws Unavailable {
            beforeCall();
            return lookup.list(kind, namespace);
        }

        private void beforeCall() throws Unavailable {
            Cancellation.checkpoint();
            if (System.nanoTime() - end > 0) {
                throw new Unavailable("the lookups took longer than " + budget.toMillis() + " ms");
            }
        }
    }

    private static void both(Found found, String label, String document) {
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
