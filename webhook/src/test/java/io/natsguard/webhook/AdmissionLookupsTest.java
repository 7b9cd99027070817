package io.natsguard.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.natsguard.policy.Policy;
import io.quarkus.runtime.configuration.ConfigurationException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Reviews that look up related objects, against an in-memory API: what the change brings is judged,
 * what was already there is not, and whatever cannot be looked up is said in a warning, never
 * guessed. (AdmissionCorpusTest does the same through a stub API server over HTTPS.)
 */
class AdmissionLookupsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The objects of corpus requests, served by kind, namespace and name; or no answer at all. */
    private static final class InMemoryApi implements ObjectLookup {

        final List<ObjectNode> objects = new ArrayList<>();
        boolean down;
        /** How long each call takes. */
        Duration slowness = Duration.ZERO;
        int calls;

        InMemoryApi holding(String... requestFiles) throws Exception {
            for (String file : requestFiles) {
                objects.add((ObjectNode) request(file).path("object"));
            }
            return this;
        }

        @Override
        public Optional<ObjectNode> get(String kind, String namespace, String name) throws Unavailable {
            if (down) {
                throw new Unavailable("get " + kind + " " + namespace + "/" + name + ": SocketTimeoutException");
            }
            return list(kind, namespace).stream().filter(o -> o.path("metadata").path("name").asText().equals(name)).findFirst();
        }

        @Override
        public List<ObjectNode> list(String kind, String namespace) throws Unavailable {
            calls++;
            try {
                Thread.sleep(slowness.toMillis());
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            if (down) {
                throw new Unavailable("list " + kind + " in " + namespace + ": SocketTimeoutException");
            }
            return objects.stream().filter(o -> o.path("kind").asText().equals(kind)
                    && o.path("metadata").path("namespace").asText().equals(namespace)).toList();
        }
    }

    private final InMemoryApi api = new InMemoryApi();
    /** Far above what the in-memory lookups take, however loaded the machine: only a slowed API runs out of it. */
    private static final Duration BUDGET = Duration.ofMillis(1000);
    private final AdmissionReviewer reviewer = new AdmissionReviewer(Policy.defaults(), Optional.of(new RelatedObjects(api, BUDGET)));

    private static JsonNode request(String file) throws Exception {
        return JSON.readTree(Files.readAllBytes(Corpus.ADMISSION.resolve(file))).path("request");
    }

    private JsonNode review(String file) throws Exception {
        AdmissionReviewer.Answer answer = reviewer.review(Files.readAllBytes(Corpus.ADMISSION.resolve(file)));
        assertThat(answer.http()).isEqualTo(200);
        return JSON.readTree(answer.body()).path("response");
    }

    @Test
    void aStatefulSetIsJudgedWithTheConfigMapItMounts() throws Exception {
        api.holding("pair-replicas5-configmap-create.json");
        JsonNode response = review("pair-replicas5-statefulset-create.json");
        assertThat(response.path("allowed").asBoolean()).isFalse();
        assertThat(response.path("status").path("message").asText())
                .startsWith("natsguard: StatefulSet nats-pair/nats: [routes-incomplete] the route list does not match the 5 replicas")
                .contains("(in ConfigMap nats-pair/nats-config)");
    }

    @Test
    void aConfigMapNobodyMountsYetPassesWithAWarning() throws Exception {
        JsonNode response = review("pair-replicas5-configmap-create.json");
        assertThat(response.path("allowed").asBoolean()).isTrue();
        assertThat(response.path("warnings").toString())
                .contains("natsguard: no StatefulSet in nats-pair mounts ConfigMap nats-config yet: routes against replicas not checked");
    }

    @Test
    void aConfigMapIsJudgedWithTheStatefulSetsThatMountIt() throws Exception {
        api.holding("pair-replicas5-statefulset-create.json");
        JsonNode response = review("pair-replicas5-configmap-create.json");
        assertThat(response.path("allowed").asBoolean()).isFalse();
        assertThat(response.path("status").path("message").asText()).contains("[routes-incomplete]");
    }

    @Test
    void aScaleIsJudgedAsTheStatefulSetAtItsNewSize() throws Exception {
        api.holding("statefulset-good-configmap-mounted-create.json", "configmap-good-create.json");
        JsonNode response = review("statefulset-scale-subresource-update.json");
        assertThat(response.path("allowed").asBoolean()).isFalse();
        assertThat(response.path("status").path("message").asText())
                .startsWith("natsguard: Scale nats/nats: [routes-incomplete]").contains("5 replicas");
    }

    @Test
    void whatWasWrongBeforeTheChangeIsNotHeldAgainstIt() throws Exception {
        // The stored pair is already wrong (5 replicas, 3 routes); scaling it to 5 again brings nothing new.
        api.holding("pair-replicas5-configmap-create.json", "pair-replicas5-statefulset-create.json");
        ObjectNode scale = (ObjectNode) JSON.readTree(Files.readAllBytes(Corpus.ADMISSION.resolve("statefulset-scale-subresource-update.json")));
        ObjectNode request = (ObjectNode) scale.path("request");
        request.put("namespace", "nats-pair");
        ((ObjectNode) request.path("object").path("metadata")).put("namespace", "nats-pair");
        AdmissionReviewer.Answer answer = reviewer.review(JSON.writeValueAsBytes(scale));
        assertThat(JSON.readTree(answer.body()).at("/response/allowed").asBoolean()).isTrue();
    }

    @Test
    void aScaleOfAStatefulSetThatCannotBeFoundPassesWithAWarning() throws Exception {
        JsonNode response = review("statefulset-scale-subresource-update.json");
        assertThat(response.path("allowed").asBoolean()).isTrue();
        assertThat(response.path("warnings").toString()).contains("natsguard: StatefulSet nats/nats not found: the new size is not checked");
    }

    @Test
    void aMountedConfigMapThatCannotBeFoundIsSaid() throws Exception {
        JsonNode response = review("statefulset-good-configmap-mounted-create.json");
        assertThat(response.path("allowed").asBoolean()).isTrue();
        assertThat(response.path("warnings").toString()).contains("natsguard: ConfigMap nats/nats-config not found");
    }

    @Test
    void whenTheApiIsDownTheObjectIsCheckedAloneWithAWarning() throws Exception {
        api.down = true;
        JsonNode pair = review("pair-replicas5-statefulset-create.json");
        assertThat(pair.path("allowed").asBoolean()).isTrue();
        assertThat(pair.path("warnings").toString())
                .contains("natsguard: related objects not looked up (get ConfigMap nats-pair/nats-config: SocketTimeoutException)", "checked alone");
        JsonNode ownFault = review("statefulset-args-headless-route-create.json");
        assertThat(ownFault.path("allowed").asBoolean()).isFalse();
        assertThat(ownFault.path("status").path("message").asText()).contains("[routes-single-dns-name]");
    }

    @Test
    void noLookupStartsPastTheBudgetAndTheObjectIsCheckedAlone() throws Exception {
        // A scale needs three calls (StatefulSet, ConfigMap, Services); at 600 ms each the third would start past 1000 ms.
        api.holding("statefulset-good-configmap-mounted-create.json", "configmap-good-create.json").slowness = Duration.ofMillis(600);
        JsonNode response = review("statefulset-scale-subresource-update.json");
        assertThat(response.path("allowed").asBoolean()).isTrue();
        assertThat(response.path("warnings").toString())
                .contains("natsguard: related objects not looked up (the lookups took longer than 1000 ms): checked alone");
        assertThat(api.calls).isLessThan(3);
    }

    @Test
    void theLookupBudgetIsWhatTheDeadlineLeavesAfterTwoCallTimeouts() {
        assertThat(ReviewBeans.lookupBudget(Duration.ofSeconds(3), Duration.ofSeconds(1))).isEqualTo(Duration.ofSeconds(1));
        assertThatThrownBy(() -> ReviewBeans.lookupBudget(Duration.ofSeconds(3), Duration.ofMillis(1500)))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("natsguard serve: natsguard.lookups.timeout (1500 ms) leaves lookups no time within natsguard.review.deadline "
                        + "(3000 ms): the deadline must be more than twice the lookup timeout");
    }

    @Test
    void objectsThatAreNotNatsConfigurationNeedNoLookup() throws Exception {
        assertThat(review("configmap-not-nats-nginx-create.json").path("allowed").asBoolean()).isTrue();
        assertThat(api.calls).isZero();
    }
}
