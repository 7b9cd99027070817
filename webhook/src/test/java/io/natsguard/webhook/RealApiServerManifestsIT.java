package io.natsguard.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.natsguard.testing.ControlPlane;
import io.natsguard.testing.Repository;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every variant of webhook-manifests/, rendered by the real kubectl kustomize, passes a real API
 * server's validation ({@code kubectl apply --dry-run=server}): field names, types, enums, value
 * ranges, Pod Security (restricted, as the namespace asks) and RBAC references, as a cluster would
 * judge them, with nothing created.
 */
class RealApiServerManifestsIT {

    @TempDir
    static Path dir;
    static ControlPlane cluster;

    @BeforeAll
    static void start() throws Exception {
        cluster = ControlPlane.start(dir);
        // A dry run judges each object as if created, but the namespace it goes into must exist: the
        // manifests' own (for real, with its Pod Security label, so that the pod templates are judged
        // against "restricted"), and the NATS namespace the mesh CronJob goes into.
        succeeds(cluster.kubectl("apply", "-f", Repository.path("webhook-manifests/base/namespace.yaml").toString()));
        succeeds(cluster.kubectl("create", "namespace", "nats"));
        // cert-manager's Issuer and Certificate, as far as the cert-manager variant uses them
        succeeds(cluster.kubectl("apply", "-f", Path.of("src/test/resources/kubernetes/cert-manager-crds.yaml").toAbsolutePath().toString()));
        succeeds(cluster.kubectl("wait", "--for", "condition=Established", "--timeout", "30s",
                "crd/issuers.cert-manager.io", "crd/certificates.cert-manager.io"));
    }

    @AfterAll
    static void stop() throws Exception {
        cluster.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"base", "ca-bundle", "cert-manager", "strict", "mesh-cronjob"})
    void everyObjectOfAVariantPassesTheApiServersValidation(String variant) throws Exception {
        Path rendered = render(Repository.path("webhook-manifests/" + variant), variant);

        ControlPlane.Result applied = cluster.kubectl("apply", "--dry-run=server", "-f", rendered.toString());

        assertThat(applied.exitCode()).as(applied.toString()).isZero();
        assertThat(applied.stderr()).as("warnings (Pod Security, deprecated APIs): %s", applied).isEmpty();
        long objects = Files.readAllLines(rendered).stream().filter(line -> line.startsWith("kind: ")).count();
        assertThat(applied.stdout().lines().toList()).as(applied.toString()).hasSize((int) objects)
                .allSatisfy(line -> assertThat(line).endsWith(" (server dry run)"));
        assertThat(cluster.kubectl("get", "deployments,cronjobs,validatingwebhookconfigurations", "-A", "-o", "name").stdout())
                .as("a dry run creates nothing").isEmpty();
    }

    /** The same check fails, with the API server's own message, on a copy with a value no cluster accepts. */
    @Test
    void aManifestTheApiServerRefusesFails(@TempDir Path copy) throws Exception {
        copyTree(Repository.path("webhook-manifests/base"), copy);
        Path service = copy.resolve("service.yaml");
        String original = Files.readString(service);
        assertThat(original).contains("port: 443,");
        Files.writeString(service, original.replace("port: 443,", "port: 70000,"));

        ControlPlane.Result applied = cluster.kubectl("apply", "--dry-run=server", "-f", render(copy, "broken").toString());

        assertThat(applied.exitCode()).as(applied.toString()).isEqualTo(1);
        assertThat(applied.stderr()).as(applied.toString())
                .contains("Service \"natsguard\" is invalid: spec.ports[0].port: Invalid value: 70000");
    }

    private static Path render(Path kustomization, String name) throws Exception {
        ControlPlane.Result rendered = cluster.kubectl("kustomize", kustomization.toString());
        succeeds(rendered);
        return Files.writeString(dir.resolve(name + ".yaml"), rendered.stdout());
    }

    private static void succeeds(ControlPlane.Result result) {
        assertThat(result.exitCode()).as(result.toString()).isZero();
    }

    private static void copyTree(Path from, Path to) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(from)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        for (Path file : files) {
            Path target = to.resolve(from.relativize(file).toString());
            Files.createDirectories(target.getParent());
            Files.copy(file, target);
        }
    }
}
