package io.natsguard.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.natsguard.policy.Policy;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Characters that JSON and the API server allow and YAML does not (DEL, C1 controls, U+FFFE, U+FFFF)
 * are read as they are: an object that holds them but no NATS configuration is allowed, and a NATS
 * configuration that holds them in a string is judged on its merits, never refused as unreadable.
 */
class AdmissionCharactersTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AdmissionReviewer REVIEWER = new AdmissionReviewer(Policy.defaults(), Optional.empty());
    private static final List<String> CHARACTERS = List.of("\u007F", "\u0080", "\u0085", "\u009F", "\uFFFE", "\uFFFF");

    static Stream<Arguments> charactersInKinds() {
        return CHARACTERS.stream().flatMap(c -> Stream.of("ConfigMap", "Secret", "Pod").map(kind -> Arguments.of(kind, c)));
    }

    static Stream<String> characters() {
        return CHARACTERS.stream();
    }

    @ParameterizedTest(name = "{0} holding U+{1}")
    @MethodSource("charactersInKinds")
    void anObjectHoldingNoNatsConfigurationIsAllowed(String kind, String c) throws Exception {
        String text = "before " + c + " after";
        ObjectNode object = JSON.createObjectNode().put("apiVersion", "v1").put("kind", kind);
        ObjectNode metadata = object.putObject("metadata").put("name", "site").put("namespace", "web");
        metadata.putObject("annotations").put("example.com/note", text);
        metadata.putObject("labels").put("app", "site");
        switch (kind) {
            case "ConfigMap" -> object.putObject("data").put("index.html", text).put("app.properties", "title=" + c);
            case "Secret" -> object.putObject("data").put("token", Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)));
            default -> object.putObject("spec").putArray("containers").addObject().put("name", "web").put("image", "nginx:1.27")
                    .putArray("env").addObject().put("name", "GREETING").put("value", text);
        }
        JsonNode response = response(kind, object);
        assertThat(response.path("allowed").asBoolean()).as(response.toString()).isTrue();
        assertThat(response.has("warnings")).as(response.toString()).isFalse();
    }

    @ParameterizedTest(name = "U+{0}")
    @MethodSource("characters")
    void aNatsConfigurationHoldingThemInAStringIsJudgedOnItsMerits(String c) throws Exception {
        String good = "server_name: \"nats " + c + " 0\"\nport: 4222\ncluster {\n  name: \"orders " + c + "\"\n  port: 6222\n"
                + "  routes = [\n    nats://nats-0.nats-headless.orders.svc.cluster.local:6222\n"
                + "    nats://nats-1.nats-headless.orders.svc.cluster.local:6222\n  ]\n"
                + "  tls { cert_file: \"/etc/tls/tls.crt\", key_file: \"/etc/tls/tls.key\", ca_file: \"/etc/tls/ca.crt\", verify_and_map: true }\n}\n";
        JsonNode allowed = response("ConfigMap", configMap(good));
        assertThat(allowed.path("allowed").asBoolean()).as(allowed.toString()).isTrue();

        String bad = good.replace("nats://nats-0.nats-headless.orders.svc.cluster.local:6222\n    nats://nats-1.nats-headless.orders.svc.cluster.local:6222",
                "nats://nats-headless:6222");
        JsonNode denied = response("ConfigMap", configMap(bad));
        assertThat(denied.path("allowed").asBoolean()).isFalse();
        assertThat(denied.path("status").path("message").asText()).contains("[routes-single-dns-name]").doesNotContain("parse");
    }

    private static ObjectNode configMap(String natsConf) {
        ObjectNode object = JSON.createObjectNode().put("apiVersion", "v1").put("kind", "ConfigMap");
        object.putObject("metadata").put("name", "nats-config").put("namespace", "orders");
        object.putObject("data").put("nats.conf", natsConf);
        return object;
    }

    private static JsonNode response(String kind, ObjectNode object) throws Exception {
        ObjectNode review = JSON.createObjectNode().put("apiVersion", "admission.k8s.io/v1").put("kind", "AdmissionReview");
        ObjectNode request = review.putObject("request").put("uid", "3f0c2a4e-8d1b-4c6a-9e2f-5b7d8a9c0e1f").put("operation", "CREATE")
                .put("namespace", object.at("/metadata/namespace").asText());
        request.putObject("kind").put("group", "").put("version", "v1").put("kind", kind);
        request.set("object", object);
        AdmissionReviewer.Answer answer = REVIEWER.review(JSON.writeValueAsBytes(review));
        assertThat(answer.http()).isEqualTo(200);
        return JSON.readTree(answer.body()).path("response");
    }
}
