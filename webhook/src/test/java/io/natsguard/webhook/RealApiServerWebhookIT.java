package io.natsguard.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesListBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.WebhookClientConfig;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.natsguard.testing.ControlPlane;
import io.natsguard.testing.NatsServers;
import io.natsguard.testing.Repository;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * natsguard serve (the test build) registered in a real kube-apiserver from webhook-manifests/ (the
 * ca-bundle variant, its Service replaced by a URL on 127.0.0.1), judging what the real kubectl
 * sends, with lookups through the shipped ClusterRole (a token of the manifests' ServiceAccount).
 * Assertions are on kubectl's own output: what a user of a cluster sees.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RealApiServerWebhookIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final KubernetesSerialization KUBERNETES = new KubernetesSerialization();
    private static final Path TLS = RotatingCertificates.RESOURCES.toAbsolutePath();
    private static final String DENIED = "admission webhook \"validate.natsguard.io\" denied the request: natsguard: ";

    @TempDir
    static Path dir;
    static ControlPlane cluster;
    static Process serve;
    /** natsguard serve's port, where the registered webhook calls it. */
    static int port;

    @BeforeAll
    static void start() throws Exception {
        cluster = ControlPlane.start(dir);
        port = NatsServers.freePort();
        // everything the ca-bundle variant deploys (nothing runs the Deployment: no controllers here),
        // the webhook called at the natsguard serve started below
        succeeds(cluster.kubectl("apply", "-f", registered("ca-bundle", object -> true).toString()));
        String token = succeeds(cluster.kubectl("create", "token", "natsguard", "-n", "natsguard", "--duration", "1h")).stdout().strip();
        startServe(cluster.kubeconfig("natsguard", token));
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            stopServe();
        } finally {
            cluster.close();
        }
    }

    @Test
    @Order(1)
    void aBadConfigMapIsRefusedWithNatsguardsMessage() throws Exception {
        namespace("refused");
        Path bad = object("configmap-single-dns-route-create.json", "refused", "nats-config");

        ControlPlane.Result applied = transcript("apply", "-f", bad.toString());

        assertThat(applied.exitCode()).as(applied.toString()).isEqualTo(1);
        assertThat(applied.stdout()).isEmpty();
        // kubectl says "Error from server:", not "Error from server (Forbidden):": the answer's status carries code 403 but no reason
        assertThat(applied.stderr().lines()).as(applied.toString()).satisfiesExactly(
                line -> assertThat(line).isEqualTo(notMounted("refused")),
                line -> assertThat(line).startsWith("Error from server: error when creating \"" + bad + "\": " + DENIED
                        + "ConfigMap refused/nats-config: [routes-single-dns-name] the only route nats://nats-headless:6222 names no single pod"));
        assertThat(cluster.kubectl("get", "configmap", "nats-config", "-n", "refused").exitCode()).as("not created").isEqualTo(1);
    }

    @Test
    @Order(2)
    void aGoodConfigMapIsCreated() throws Exception {
        namespace("created");
        ControlPlane.Result applied = cluster.kubectl("apply", "-f", object("configmap-good-create.json", "created", "nats-config").toString());

        assertThat(applied.exitCode()).as(applied.toString()).isZero();
        assertThat(applied.stdout()).isEqualTo("configmap/nats-config created\n");
        assertThat(applied.stderr()).isEqualTo(notMounted("created") + "\n");
    }

    @Test
    @Order(3)
    void aWarningShowsAsKubectlsWarningLine() throws Exception {
        namespace("warned");
        Path unnamed = object("configmap-good-create.json", "warned", "nats-config");
        Files.writeString(unnamed, without(Files.readString(unnamed), "\\n  name: nats"));

        ControlPlane.Result applied = transcript("apply", "-f", unnamed.toString());

        assertThat(applied.exitCode()).as(applied.toString()).isZero();
        assertThat(applied.stdout()).isEqualTo("configmap/nats-config created\n");
        assertThat(applied.stderr().lines()).as(applied.toString()).satisfiesExactly(
                line -> assertThat(line).startsWith("Warning: cluster-name-missing: the cluster has no name"),
                line -> assertThat(line).isEqualTo(notMounted("warned")));
    }

    @Test
    @Order(4)
    void aServerSideDryRunIsJudgedAndCreatesNothing() throws Exception {
        namespace("dry");
        Path bad = object("configmap-single-dns-route-create.json", "dry", "nats-config");
        Path good = object("configmap-good-create.json", "dry", "nats-config-good");

        ControlPlane.Result refused = transcript("apply", "--dry-run=server", "-f", bad.toString());
        ControlPlane.Result allowed = transcript("apply", "--dry-run=server", "-f", good.toString());

        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(1);
        assertThat(refused.stderr()).as(refused.toString()).contains(DENIED + "ConfigMap dry/nats-config: [routes-single-dns-name] ");
        assertThat(allowed.exitCode()).as(allowed.toString()).isZero();
        assertThat(allowed.stdout()).isEqualTo("configmap/nats-config-good created (server dry run)\n");
        assertThat(cluster.kubectl("get", "configmaps", "-n", "dry", "-l", "app.kubernetes.io/name=nats", "-o", "name").stdout())
                .as("nothing created").isEmpty();
    }

    /** The Scale the API server sends has no routes: natsguard looks the StatefulSet and its ConfigMap up, through the ClusterRole. */
    @Test
    @Order(5)
    void scalingAStatefulSetPastItsRoutesIsRefused() throws Exception {
        namespace("scaled");
        succeeds(cluster.kubectl("apply", "-f", object("configmap-good-create.json", "scaled", "nats-config").toString()));
        succeeds(cluster.kubectl("apply", "-f", object("statefulset-good-configmap-mounted-create.json", "scaled", "nats").toString()));

        ControlPlane.Result scaled = transcript("scale", "statefulset", "nats", "-n", "scaled", "--replicas=5");

        assertThat(scaled.exitCode()).as(scaled.toString()).isEqualTo(1);
        assertThat(scaled.stderr()).as(scaled.toString()).contains(DENIED).contains("[routes-incomplete]");
        assertThat(cluster.kubectl("get", "statefulset", "nats", "-n", "scaled", "-o", "jsonpath={.spec.replicas}").stdout()).isEqualTo("3");
    }

    /**
     * A StatefulSet is judged with the ConfigMap it mounts, found by a lookup: the ConfigMap names
     * three pods, so five replicas are refused and three created.
     */
    @Test
    @Order(6)
    void aStatefulSetIsJudgedWithTheConfigMapItMounts() throws Exception {
        namespace("paired");
        ControlPlane.Result configMap = cluster.kubectl("apply", "-f", object("configmap-good-create.json", "paired", "nats-config").toString());
        assertThat(configMap.stdout()).as(configMap.toString()).isEqualTo("configmap/nats-config created\n");
        assertThat(configMap.stderr()).isEqualTo(notMounted("paired") + "\n");
        Path five = statefulSet("paired", 5);
        Path three = statefulSet("paired", 3);

        ControlPlane.Result refused = transcript("apply", "-f", five.toString());
        ControlPlane.Result created = transcript("apply", "-f", three.toString());

        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(1);
        assertThat(refused.stderr().lines()).as(refused.toString()).singleElement().asString()
                .startsWith("Error from server: error when creating \"" + five + "\": " + DENIED
                        + "StatefulSet paired/nats: [routes-incomplete] the route list does not match the 5 replicas")
                .contains("(in ConfigMap paired/nats-config)");
        assertThat(created.exitCode()).as(created.toString()).isZero();
        assertThat(created.stdout()).isEqualTo("statefulset.apps/nats created\n");
        assertThat(created.stderr()).isEmpty();
        assertThat(cluster.kubectl("get", "statefulset", "nats", "-n", "paired", "-o", "jsonpath={.spec.replicas}").stdout()).isEqualTo("3");
    }

    /** The reverse: a ConfigMap update is judged with the StatefulSet that mounts it, found by a lookup. */
    @Test
    @Order(7)
    void aConfigMapUpdateIsJudgedWithTheStatefulSetThatMountsIt() throws Exception {
        Path twoRoutes = object("configmap-good-create.json", "paired", "nats-config");
        Files.writeString(twoRoutes, without(Files.readString(twoRoutes), "\\n    nats://nats-2.nats-headless:6222"));

        ControlPlane.Result refused = transcript("apply", "-f", twoRoutes.toString());

        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(1);
        // kubectl prints the patch it sent, then the denial on the last line
        assertThat(refused.stderr()).as(refused.toString()).startsWith("Error from server: error when applying patch:\n");
        assertThat(refused.stderr().lines().reduce((first, second) -> second)).as(refused.toString()).hasValueSatisfying(line -> assertThat(line)
                .startsWith("for: \"" + twoRoutes + "\": error when patching \"" + twoRoutes + "\": " + DENIED
                        + "ConfigMap paired/nats-config: [routes-incomplete] the route list does not match the 3 replicas of StatefulSet paired/nats: no route names nats-2;"));
        assertThat(cluster.kubectl("get", "configmap", "nats-config", "-n", "paired", "-o", "jsonpath={.data.nats\\.conf}").stdout())
                .as("not changed").contains("nats://nats-2.nats-headless:6222");
    }

    /** The lookups read with the shipped ClusterRole alone: get and list of what they read, nothing more. */
    @Test
    @Order(8)
    void theServiceAccountReadsWhatTheLookupsNeedAndNothingMore() throws Exception {
        for (String resource : List.of("configmaps", "services", "statefulsets.apps")) {
            for (String verb : List.of("get", "list")) {
                assertThat(canI(verb, resource, "-n", "paired")).as("%s %s", verb, resource).isEqualTo("yes");
            }
        }
        assertThat(canI("create", "configmaps", "-n", "paired")).isEqualTo("no");
        assertThat(canI("delete", "configmaps", "-n", "paired")).isEqualTo("no");
        assertThat(canI("get", "secrets", "-n", "paired")).isEqualTo("no");
        assertThat(canI("list", "nodes", "--all-namespaces")).isEqualTo("no"); // cluster-scoped: asked without a namespace
    }

    /**
     * The manifests' matchConditions: the API server does not call natsguard for what cannot hold NATS
     * configuration (counted by natsguard_review_seconds_count, every review natsguard answered), and
     * calls it for a NATS ConfigMap, a StatefulSet running nats-server, and a scale.
     */
    @Test
    @Order(9)
    void onlyWhatCanHoldNatsConfigurationIsSent() throws Exception {
        namespace("narrowed");
        long before = reviews();
        succeeds(cluster.kubectl("create", "configmap", "colors", "-n", "narrowed", "--from-literal=color=blue", "--from-literal=size=large"));
        succeeds(cluster.kubectl("create", "configmap", "empty", "-n", "narrowed"));
        succeeds(cluster.kubectl("create", "secret", "tls", "web-tls", "-n", "narrowed",
                "--cert", TLS.resolve("tls.crt").toString(), "--key", TLS.resolve("tls.key").toString()));
        succeeds(cluster.kubectl("create", "deployment", "web", "-n", "narrowed", "--image=nginx:1.27"));
        succeeds(cluster.kubectl("apply", "-f", nginxStatefulSet("narrowed").toString()));

        succeeds(cluster.kubectl("apply", "-f", object("configmap-good-create.json", "narrowed", "nats-config").toString()));
        assertThat(reviewsReaching(before + 1)).as("only the NATS ConfigMap reached natsguard").isEqualTo(before + 1);
        succeeds(cluster.kubectl("apply", "-f", object("statefulset-good-configmap-mounted-create.json", "narrowed", "nats").toString()));
        assertThat(reviewsReaching(before + 2)).as("the StatefulSet running nats-server reached natsguard").isEqualTo(before + 2);
        ControlPlane.Result scaled = transcript("scale", "statefulset", "nats", "-n", "narrowed", "--replicas=1");
        assertThat(scaled.stderr()).as("judged: routes name pods past the one replica").contains(DENIED).contains("[routes-incomplete]");
        assertThat(reviewsReaching(before + 3)).as("the scale reached natsguard").isEqualTo(before + 3);
    }

    /** A Flux HelmRelease of the NATS chart (CRD of the tests' own) is judged by the values it gives the chart. */
    @Test
    @Order(10)
    void aBadHelmReleaseIsRefusedAndAGoodOneCreated() throws Exception {
        gitOps("flux");
        Path bad = object("helmrelease-merge-single-route-create.json", "flux", "nats");
        Path good = object("helmrelease-good-create.json", "flux", "nats-good");

        ControlPlane.Result refused = transcript("apply", "-f", bad.toString());
        ControlPlane.Result created = cluster.kubectl("apply", "-f", good.toString());

        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(1);
        assertThat(refused.stderr().lines()).as(refused.toString()).singleElement().asString()
                .startsWith("Error from server: error when creating \"" + bad + "\": " + DENIED
                        + "HelmRelease flux/nats: [routes-single-dns-name] route nats://nats-headless:6222 names Service flux/nats-headless")
                .contains("With the NATS chart: remove config.cluster.merge.routes");
        assertThat(cluster.kubectl("get", "helmrelease", "nats", "-n", "flux").exitCode()).as("not created").isEqualTo(1);
        assertThat(created.exitCode()).as(created.toString()).isZero();
        assertThat(created.stdout()).isEqualTo("helmrelease.helm.toolkit.fluxcd.io/nats-good created\n");
        assertThat(created.stderr()).isEmpty();
    }

    /** An Argo CD Application of the NATS chart, its values a YAML string or an object. */
    @Test
    @Order(11)
    void aBadApplicationIsRefusedAndAGoodOneCreated() throws Exception {
        gitOps("argo");
        Path bad = object("application-values-string-tls-missing-create.json", "argo", "nats");
        Path good = object("application-valuesobject-good-create.json", "argo", "nats-good");

        ControlPlane.Result refused = transcript("apply", "-f", bad.toString());
        ControlPlane.Result created = cluster.kubectl("apply", "-f", good.toString());

        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(1);
        assertThat(refused.stderr().lines()).as(refused.toString()).singleElement().asString()
                .startsWith("Error from server: error when creating \"" + bad + "\": " + DENIED
                        + "Application argo/nats: [cluster-tls-missing] routes between servers run without TLS")
                .contains("set config.cluster.tls.enabled: true");
        assertThat(cluster.kubectl("get", "application", "nats", "-n", "argo").exitCode()).as("not created").isEqualTo(1);
        assertThat(created.exitCode()).as(created.toString()).isZero();
        assertThat(created.stdout()).isEqualTo("application.argoproj.io/nats-good created\n");
        assertThat(created.stderr()).isEmpty();
    }

    /** Without the webhook, failurePolicy: Ignore lets changes in; the strict variant refuses them where a namespace asks for it. */
    @Test
    @Order(12)
    void withTheWebhookDownIgnoreLetsChangesInAndStrictRefusesThem() throws Exception {
        stopServe();
        namespace("unguarded");
        ControlPlane.Result ignored = transcript("apply", "-f",
                object("configmap-single-dns-route-create.json", "unguarded", "nats-config").toString());
        assertThat(ignored.exitCode()).as(ignored.toString()).isZero();
        assertThat(ignored.stdout()).isEqualTo("configmap/nats-config created\n");

        succeeds(cluster.kubectl("apply", "-f", registered("strict", ValidatingWebhookConfiguration.class::isInstance).toString()));
        namespace("enforced");
        succeeds(cluster.kubectl("label", "namespace", "enforced", "natsguard.io/enforce=strict"));
        ControlPlane.Result refused = transcript("apply", "-f",
                object("configmap-good-create.json", "enforced", "nats-config").toString());
        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(1);
        assertThat(refused.stderr()).as(refused.toString()).contains("Internal error occurred: failed calling webhook \"validate.natsguard.io\"")
                .contains("connection refused");
        // what the matchConditions do not send is let in even there: they never fail, whatever the object's shape
        succeeds(cluster.kubectl("create", "configmap", "empty", "-n", "enforced"));
        succeeds(cluster.kubectl("create", "configmap", "colors", "-n", "enforced", "--from-literal=color=blue"));
        succeeds(cluster.kubectl("apply", "-f", nginxStatefulSet("enforced").toString()));

        ControlPlane.Result elsewhere = cluster.kubectl("apply", "-f",
                object("configmap-single-dns-route-create.json", "unguarded", "nats-config-2").toString());
        assertThat(elsewhere.exitCode()).as("a namespace that does not ask for strict: %s", elsewhere).isZero();
    }

    /**
     * A webhook that accepts the connection and never answers: the API server gives up after the
     * configuration's timeoutSeconds, then lets the change in (Ignore) or refuses it (Fail). natsguard
     * serve is down by now, and its own registration lets everything in here.
     */
    @Test
    @Order(13)
    void anUnansweredCallEndsAfterTimeoutSeconds() throws Exception {
        namespace("stalled");
        try (StallingServer stalling = new StallingServer(TLS)) {
            succeeds(cluster.kubectl("apply", "-f", stalledAt(stalling.port(), "Ignore").toString()));
            long start = System.nanoTime();
            ControlPlane.Result ignored = transcript("apply", "-f", object("configmap-good-create.json", "stalled", "nats-config").toString());
            Duration waited = Duration.ofNanos(System.nanoTime() - start);
            System.out.println("(kubectl returned after " + waited.toMillis() + " ms)");
            assertThat(ignored.exitCode()).as(ignored.toString()).isZero();
            assertThat(ignored.stdout()).isEqualTo("configmap/nats-config created\n");
            // at least the 2 s the API server waited; far less than kubectl's own 30 s: the API server gave up
            assertThat(waited).as(ignored.toString()).isBetween(Duration.ofMillis(1900), Duration.ofSeconds(20));

            succeeds(cluster.kubectl("apply", "-f", stalledAt(stalling.port(), "Fail").toString()));
            Path fails = object("configmap-good-create.json", "stalled", "nats-config-2");
            ControlPlane.Result refused = transcript("apply", "-f", fails.toString());
            assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(1);
            assertThat(refused.stderr()).as(refused.toString()).isEqualTo("Error from server (InternalError): error when creating \"" + fails
                    + "\": Internal error occurred: failed calling webhook \"validate.natsguard.io\": failed to call webhook: Post \"https://127.0.0.1:"
                    + stalling.port() + "/validate?timeout=2s\": context deadline exceeded\n");
        }
    }

    /**
     * The ca-bundle variant's configuration named natsguard-stalled, its webhook called at the port
     * of a server that never answers, with timeoutSeconds: 2 and this failurePolicy.
     */
    private static Path stalledAt(int stallingPort, String failurePolicy) throws Exception {
        ValidatingWebhookConfiguration config = (ValidatingWebhookConfiguration) rendered("ca-bundle", stallingPort).stream()
                .filter(ValidatingWebhookConfiguration.class::isInstance).findFirst().orElseThrow();
        config.getMetadata().setName("natsguard-stalled");
        config.getWebhooks().forEach(webhook -> {
            webhook.setTimeoutSeconds(2);
            webhook.setFailurePolicy(failurePolicy);
        });
        return Files.writeString(dir.resolve("stalled-" + failurePolicy + ".json"), KUBERNETES.asJson(config));
    }

    /** A namespace, and the HelmRelease and Application CRDs of the tests' own (kubectl apply: whichever test comes first installs them). */
    private static void gitOps(String namespace) throws Exception {
        namespace(namespace);
        succeeds(cluster.kubectl("apply", "-f", Path.of("src/test/resources/kubernetes/gitops-crds.yaml").toAbsolutePath().toString()));
        succeeds(cluster.kubectl("wait", "--for", "condition=Established", "--timeout", "30s",
                "crd/helmreleases.helm.toolkit.fluxcd.io", "crd/applications.argoproj.io"));
    }

    /** The objects of the variant, called at natsguard serve ({@link #rendered}), that {@code which} selects, written as one List. */
    private static Path registered(String variant, Predicate<HasMetadata> which) throws Exception {
        List<HasMetadata> objects = rendered(variant, port);
        return Files.writeString(dir.resolve(variant + "-registered.json"), KUBERNETES.asJson(new KubernetesListBuilder().withItems(objects.stream().filter(which).toList()).build()));
    }

    /**
     * The variant as kubectl kustomize renders it, its webhook called at https://127.0.0.1:PORT/validate
     * instead of the Service (a bare API server would send it to the Service's ClusterIP), with the
     * test certificate (self-signed, for 127.0.0.1) as caBundle.
     */
    private static List<HasMetadata> rendered(String variant, int webhookPort) throws Exception {
        ControlPlane.Result rendered = succeeds(cluster.kubectl("kustomize", Repository.path("webhook-manifests/" + variant).toString()));
        @SuppressWarnings("unchecked")
        List<HasMetadata> objects = (List<HasMetadata>) KUBERNETES.unmarshal(new ByteArrayInputStream(rendered.stdout().getBytes(StandardCharsets.UTF_8)));
        String caBundle = Base64.getEncoder().encodeToString(Files.readAllBytes(TLS.resolve("tls.crt")));
        List<ValidatingWebhookConfiguration> configs = objects.stream().filter(ValidatingWebhookConfiguration.class::isInstance)
                .map(ValidatingWebhookConfiguration.class::cast).toList();
        assertThat(configs).hasSize(1);
        configs.get(0).getWebhooks().forEach(webhook -> {
            WebhookClientConfig client = webhook.getClientConfig();
            assertThat(client.getService().getPath()).isEqualTo("/validate");
            client.setService(null);
            client.setUrl("https://127.0.0.1:" + webhookPort + "/validate");
            client.setCaBundle(caBundle);
        });
        return objects;
    }

    private static void startServe(Path kubeconfig) throws Exception {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(), "-Dquarkus.http.host=127.0.0.1",
                "-jar", Path.of("target/quarkus-app/quarkus-run.jar").toAbsolutePath().toString(), "serve", "--port", String.valueOf(port),
                "--tls-cert", TLS.resolve("tls.crt").toString(), "--tls-key", TLS.resolve("tls.key").toString()));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("serve.log").toFile());
        builder.environment().put("KUBECONFIG", kubeconfig.toString());
        builder.environment().put("NATSGUARD_LOOKUPS_ENABLED", "true"); // as the manifests' Deployment sets it
        serve = builder.start();
        HttpClient client = Https.client("tls");
        HttpRequest ready = HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + "/q/health/ready")).timeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (true) {
            assertThat(serve.isAlive()).as("natsguard serve exited: %s", serveLog()).isTrue();
            try {
                if (client.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYetListening) {
                // keep polling until the deadline
            }
            assertThat(System.nanoTime()).as("natsguard serve not ready within a minute: %s", serveLog()).isLessThan(deadline);
            Thread.sleep(250);
        }
    }

    /** Stops natsguard serve by its PID, once. */
    private static void stopServe() throws InterruptedException {
        if (serve != null && serve.isAlive()) {
            serve.destroy();
            if (!serve.waitFor(10, TimeUnit.SECONDS)) {
                serve.destroyForcibly().waitFor();
            }
        }
    }

    private static String serveLog() throws IOException {
        return Files.readString(dir.resolve("serve.log"));
    }

    /**
     * The object of a review of the admission corpus, as a user's file holds it (the fields the server
     * adds dropped), named {@code name} in {@code namespace}: written to NAME.json.
     */
    private static Path object(String review, String namespace, String name) throws IOException {
        ObjectNode object = (ObjectNode) JSON.readTree(Corpus.ADMISSION.resolve(review).toFile()).path("request").path("object");
        ObjectNode metadata = JSON.createObjectNode().put("name", name).put("namespace", namespace);
        if (object.path("metadata").has("labels")) {
            metadata.set("labels", object.path("metadata").path("labels"));
        }
        object.set("metadata", metadata);
        object.remove("status");
        return Files.writeString(dir.resolve(namespace + "-" + name + ".json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(object));
    }

    /** The JSON text with one escaped passage (as it stands in the JSON string) removed, which must be there. */
    private static String without(String json, String passage) {
        assertThat(json).contains(passage);
        return json.replace(passage, "");
    }

    /** The warning of the lookups on a ConfigMap that no StatefulSet mounts yet, as kubectl prints it. */
    private static String notMounted(String namespace) {
        return "Warning: natsguard: no StatefulSet in " + namespace + " mounts ConfigMap nats-config yet: routes against replicas not checked";
    }

    /** How many reviews natsguard has answered, once it has answered at least {@code least} (or after 10 s). */
    private static long reviewsReaching(long least) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        long reviews = reviews();
        while (reviews < least && System.nanoTime() < deadline) {
            Thread.sleep(100); // the count is recorded as the answer goes out, a moment after kubectl may return
            reviews = reviews();
        }
        return reviews;
    }

    /** natsguard_review_seconds_count summed over its kinds, operations and verdicts. */
    private static long reviews() throws Exception {
        HttpRequest metrics = HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + "/q/metrics")).timeout(Duration.ofSeconds(5)).build();
        String body = succeedsWith200(Https.client("tls").send(metrics, HttpResponse.BodyHandlers.ofString()));
        return body.lines().filter(line -> line.startsWith("natsguard_review_seconds_count{"))
                .mapToLong(line -> (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    private static String succeedsWith200(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    /** The StatefulSet of the corpus that mounts ConfigMap nats-config, with these replicas: written to NAMESPACE-nats-REPLICAS.json. */
    private static Path statefulSet(String namespace, int replicas) throws IOException {
        Path written = object("statefulset-good-configmap-mounted-create.json", namespace, "nats");
        ObjectNode statefulSet = (ObjectNode) JSON.readTree(written.toFile());
        ((ObjectNode) statefulSet.path("spec")).put("replicas", replicas);
        Files.delete(written);
        return Files.writeString(dir.resolve(namespace + "-nats-" + replicas + ".json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(statefulSet));
    }

    /** kubectl auth can-i as the manifests' ServiceAccount: "yes" or "no". */
    private static String canI(String... question) throws Exception {
        List<String> args = new ArrayList<>(List.of("auth", "can-i"));
        args.addAll(List.of(question));
        args.add("--as=system:serviceaccount:natsguard:natsguard");
        ControlPlane.Result answer = cluster.kubectl(args.toArray(String[]::new));
        assertThat(answer.stderr()).as(answer.toString()).isEmpty();
        return answer.stdout().strip();
    }

    /** A StatefulSet that runs nginx, nothing of NATS: written to NAMESPACE-web.json. */
    private static Path nginxStatefulSet(String namespace) throws IOException {
        String labels = "{\"app\": \"web\"}";
        String statefulSet = """
                {"apiVersion": "apps/v1", "kind": "StatefulSet", "metadata": {"name": "web", "namespace": "%s"},
                 "spec": {"replicas": 2, "serviceName": "web", "selector": {"matchLabels": %s},
                  "template": {"metadata": {"labels": %s},
                   "spec": {"containers": [{"name": "web", "image": "nginx:1.27", "args": ["nginx", "-g", "daemon off;"]}]}}}}
                """.formatted(namespace, labels, labels);
        return Files.writeString(dir.resolve(namespace + "-web.json"), statefulSet);
    }

    private static void namespace(String name) throws Exception {
        succeeds(cluster.kubectl("create", "namespace", name));
    }

    /** Runs kubectl and prints the command and its output as a terminal shows them (docs/webhook.md quotes such transcripts). */
    private static ControlPlane.Result transcript(String... args) throws Exception {
        ControlPlane.Result result = cluster.kubectl(args);
        List<String> shown = new ArrayList<>();
        for (String arg : args) {
            shown.add(arg.startsWith(dir.toString()) ? Path.of(arg).getFileName().toString() : arg);
        }
        System.out.println("$ kubectl " + String.join(" ", shown) + "\n" + result.stdout() + result.stderr().replace(dir + "/", ""));
        return result;
    }

    private static ControlPlane.Result succeeds(ControlPlane.Result result) {
        assertThat(result.exitCode()).as(result.toString()).isZero();
        return result;
    }
}
