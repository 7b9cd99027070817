package io.natsguard.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodAffinityTerm;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MatchCondition;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.RuleWithOperations;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.natsguard.model.ServerOptions;
import io.natsguard.testing.Repository;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every variant of webhook-manifests/ renders with the real kubectl kustomize, and what it renders
 * has the properties a webhook that guards a cluster door needs, read through the Kubernetes model.
 */
class WebhookManifestsTest {

    private static final Set<String> KINDS = Set.of("configmaps", "secrets", "pods", "statefulsets",
            "statefulsets/scale", "deployments", "helmreleases", "applications");

    @ParameterizedTest
    @ValueSource(strings = {"cert-manager", "ca-bundle", "strict"})
    void aVariantRendersAndIsSafe(String variant) throws Exception {
        List<HasMetadata> objects = render(variant);

        ValidatingWebhookConfiguration config = one(objects, ValidatingWebhookConfiguration.class);
        ValidatingWebhook webhook = config.getWebhooks().get(0);
        assertThat(webhook.getAdmissionReviewVersions()).containsExactly("v1");
        assertThat(webhook.getSideEffects()).isEqualTo("None");
        assertThat(webhook.getTimeoutSeconds()).isBetween(1, 5);
        assertThat(webhook.getFailurePolicy()).isEqualTo(variant.equals("strict") ? "Fail" : "Ignore");
        assertThat(webhook.getNamespaceSelector().getMatchExpressions().get(0).getValues())
                .contains("kube-system", "natsguard");
        assertThat(webhook.getRules()).flatExtracting(RuleWithOperations::getOperations).containsOnly("CREATE", "UPDATE");
        assertThat(webhook.getRules().stream().flatMap(r -> r.getResources().stream()).collect(Collectors.toSet()))
                .isEqualTo(KINDS);
        assertThat(webhook.getClientConfig().getService().getPath()).isEqualTo("/validate");
        assertThat(webhook.getMatchConditions()).extracting(MatchCondition::getName).containsExactly(
                "configmap-may-hold-nats-config", "secret-may-hold-nats-config", "workload-may-run-nats-server");
        assertThat(optionWords(webhook.getMatchConditions().get(0).getExpression()))
                .as("the option words a ConfigMap is sent for: every top-level option natsguard knows, and routes and include")
                .isEqualTo(Stream.concat(ServerOptions.TOP_LEVEL.keySet().stream(), Stream.of("routes", "include"))
                        .collect(Collectors.toSet()));
        if (variant.equals("ca-bundle")) {
            assertThat(webhook.getClientConfig().getCaBundle()).isNotBlank();
        } else {
            assertThat(config.getMetadata().getAnnotations()).containsEntry("cert-manager.io/inject-ca-from", "natsguard/natsguard-tls");
            assertThat(objects).extracting(HasMetadata::getKind).contains("Issuer", "Certificate");
        }

        Deployment deployment = one(objects, Deployment.class);
        assertThat(deployment.getSpec().getReplicas()).isEqualTo(2);
        var pod = deployment.getSpec().getTemplate().getSpec();
        assertThat(pod.getAffinity().getPodAntiAffinity().getRequiredDuringSchedulingIgnoredDuringExecution()).singleElement()
                .extracting(PodAffinityTerm::getTopologyKey).isEqualTo("kubernetes.io/hostname");
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        Container container = pod.getContainers().get(0);
        assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
        assertThat(container.getResources().getRequests()).containsKeys("cpu", "memory");
        assertThat(container.getResources().getLimits()).containsKeys("cpu", "memory");
        assertThat(container.getEnv()).anySatisfy(env -> {
            assertThat(env.getName()).isEqualTo("NATSGUARD_LOOKUPS_ENABLED");
            assertThat(env.getValue()).isEqualTo("true");
        });
        // what cannot be judged within the deadline is refused where failurePolicy is Fail, allowed elsewhere
        List<String> unchecked = container.getEnv().stream().filter(env -> env.getName().equals("NATSGUARD_REVIEW_UNCHECKED"))
                .map(env -> env.getValue()).toList();
        assertThat(unchecked).isEqualTo(variant.equals("strict") ? List.of("deny") : List.of());
        assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/q/health/ready");
        assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/q/health/live");

        assertThat(one(objects, PodDisruptionBudget.class).getSpec().getMinAvailable().getIntVal()).isEqualTo(1);
        assertThat(one(objects, ClusterRole.class).getRules()).allSatisfy(rule -> {
            assertThat(rule.getVerbs()).isSubsetOf("get", "list", "watch");
            assertThat(rule.getResources()).doesNotContain("secrets");
        });
        // exactly what the lookups read: ConfigMaps, Services, StatefulSets
        assertThat(one(objects, ClusterRole.class).getRules()).flatExtracting(rule -> rule.getResources())
                .containsExactlyInAnyOrder("configmaps", "services", "statefulsets");
    }

    @org.junit.jupiter.api.Test
    void theMeshCronJobRendersAndIsSafe() throws Exception {
        List<HasMetadata> objects = render("mesh-cronjob");
        io.fabric8.kubernetes.api.model.batch.v1.CronJob cron = one(objects, io.fabric8.kubernetes.api.model.batch.v1.CronJob.class);
        assertThat(cron.getSpec().getConcurrencyPolicy()).isEqualTo("Forbid");
        var job = cron.getSpec().getJobTemplate().getSpec();
        assertThat(job.getBackoffLimit()).isZero();
        assertThat(job.getActiveDeadlineSeconds()).isPositive();
        var pod = job.getTemplate().getSpec();
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        Container container = pod.getContainers().get(0);
        assertThat(container.getArgs()).startsWith("mesh").contains("--kube-namespace", "--statefulset");
        assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
        assertThat(container.getResources().getLimits()).containsKeys("cpu", "memory");
        // read-only, in its namespace: get the StatefulSet, list its pods
        var role = one(objects, io.fabric8.kubernetes.api.model.rbac.Role.class);
        assertThat(role.getRules()).allSatisfy(rule -> assertThat(rule.getVerbs()).isSubsetOf("get", "list"));
        assertThat(role.getRules()).flatExtracting(rule -> rule.getResources()).containsExactlyInAnyOrder("statefulsets", "pods");
        assertThat(objects).allSatisfy(o -> assertThat(o.getMetadata().getNamespace()).isEqualTo("nats"));
    }

    /** The words of the ConfigMap condition's option pattern, {@code r'(?i)\b(word|word|...)\b'}. */
    private static Set<String> optionWords(String expression) {
        Matcher pattern = Pattern.compile("r'\\(\\?i\\)\\\\b\\(([a-z_|]+)\\)\\\\b'").matcher(expression);
        assertThat(pattern.find()).as(expression).isTrue();
        return Set.of(pattern.group(1).split("\\|"));
    }

    private static List<HasMetadata> render(String variant) throws Exception {
        Path out = Files.createTempFile("natsguard-manifests", ".yaml");
        try {
            Process kubectl = new ProcessBuilder("kubectl", "kustomize", Repository.path("webhook-manifests/" + variant).toString())
                    .redirectOutput(out.toFile()).redirectErrorStream(false).start();
            assertThat(kubectl.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(kubectl.exitValue()).as(new String(kubectl.getErrorStream().readAllBytes(), StandardCharsets.UTF_8)).isZero();
            Object parsed = new KubernetesSerialization().unmarshal(new ByteArrayInputStream(Files.readAllBytes(out)));
            @SuppressWarnings("unchecked")
            List<HasMetadata> objects = parsed instanceof List<?> list ? (List<HasMetadata>) list : List.of((HasMetadata) parsed);
            return objects;
        } finally {
            Files.deleteIfExists(out);
        }
    }

    private static <T extends HasMetadata> T one(List<HasMetadata> objects, Class<T> type) {
        List<T> found = objects.stream().filter(type::isInstance).map(type::cast).toList();
        assertThat(found).as(type.getSimpleName()).hasSize(1);
        return found.get(0);
    }
}
