package io.natsguard.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.natsguard.testing.NatsServers;
import io.natsguard.testing.NatsguardProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/natsguard mesh --kube-namespace}: the pods come from a stub Kubernetes API (fabric8's
 * mock server on loopback, found through KUBECONFIG), the servers behind them are real nats-server
 * processes on 127.0.0.1, each pod pointing at one through its IP and its port named monitor.
 */
@EnableKubernetesMockClient(crud = true, https = false)
class MeshKubernetesIT {

    static KubernetesMockServer server;
    static KubernetesClient client;

    @TempDir
    Path dir;

    private static Pod pod(String name, NatsServers.Ports p) {
        PodBuilder pod = new PodBuilder().withNewMetadata().withName(name).withNamespace("nats")
                .withLabels(Map.of("app.kubernetes.io/name", "nats")).endMetadata()
                .withNewSpec().addNewContainer().withName("nats").withImage("nats:2.10")
                .addNewPort().withName("client").withContainerPort(p == null ? 4222 : p.client()).endPort()
                .addNewPort().withName("monitor").withContainerPort(p == null ? 8222 : p.http()).endPort()
                .endContainer().endSpec();
        return (p == null ? pod.withNewStatus().withPhase("Pending").endStatus()
                : pod.withNewStatus().withPhase("Running").withPodIP("127.0.0.1").endStatus()).build();
    }

    private NatsguardProcess.Result mesh(String... args) throws Exception {
        Path kubeconfig = Files.writeString(dir.resolve("kubeconfig"), """
                apiVersion: v1
                kind: Config
                clusters: [ { name: stub, cluster: { server: "%s" } } ]
                users: [ { name: stub, user: { token: not-a-secret } } ]
                contexts: [ { name: stub, context: { cluster: stub, user: stub } } ]
                current-context: stub
                """.formatted(client.getMasterUrl()));
        return NatsguardProcess.run(dir, Map.of("KUBECONFIG", kubeconfig.toString()), args);
    }

    @Test
    void thePodsOfAStatefulSetAreFoundAndAsked() throws Exception {
        assumeTrue(NatsServers.installed() || System.getenv("CI") != null, "nats-server is not installed");
        List<NatsServers.Ports> ports = NatsServers.ports(3);
        try (NatsServers servers = new NatsServers(dir)) {
            String routes = "  routes = [ " + ports.stream().map(NatsServers.Ports::route).collect(Collectors.joining(", ")) + " ]";
            for (NatsServers.Ports p : ports) {
                servers.start(p, NatsServers.config(p, "natsguard", routes));
            }
            servers.awaitRoutes(ports, 2);
            client.apps().statefulSets().resource(new StatefulSetBuilder().withNewMetadata().withName("nats").withNamespace("nats")
                    .endMetadata().withNewSpec().withReplicas(3).withServiceName("nats-headless").withNewSelector()
                    .addToMatchLabels("app.kubernetes.io/name", "nats").endSelector().endSpec().build()).create();
            for (int i = 0; i < 3; i++) {
                client.pods().resource(pod("nats-" + i, ports.get(i))).create();
            }

            NatsguardProcess.Result whole = mesh("mesh", "--kube-namespace", "nats", "--statefulset", "nats");
            assertThat(whole.exitCode()).as(whole.stdout() + whole.stderr()).isZero();
            assertThat(whole.stdout()).startsWith("natsguard mesh: OK: full mesh (cluster natsguard): 3 servers checked, 3 answered");

            // a fourth pod, not running yet: the selector finds it, and the mesh is not whole
            client.pods().resource(pod("nats-3", null)).create();
            NatsguardProcess.Result pending = mesh("mesh", "--kube-namespace", "nats", "--selector", "app.kubernetes.io/name=nats");
            assertThat(pending.exitCode()).as(pending.stdout()).isEqualTo(2);
            assertThat(pending.stdout()).contains("- pod nats-3 has no IP yet (phase Pending)", "4 expected");
        }
    }

    @Test
    void whatTheApiCannotGiveIsUnknown() throws Exception {
        NatsguardProcess.Result missing = mesh("mesh", "--kube-namespace", "nats", "--statefulset", "nope");
        assertThat(missing.exitCode()).isEqualTo(3);
        assertThat(missing.stderr()).contains("natsguard mesh: no StatefulSet nats/nope");
        NatsguardProcess.Result both = mesh("mesh", "--kube-namespace", "nats");
        assertThat(both.exitCode()).isEqualTo(3);
        assertThat(both.stderr()).contains("--kube-namespace needs one of --statefulset NAME or --selector LABELS");
        NatsguardProcess.Result setBased = mesh("mesh", "--kube-namespace", "nats", "--selector", "app in (nats)");
        assertThat(setBased.exitCode()).isEqualTo(3);
        assertThat(setBased.stderr()).contains("--selector takes key=value pairs");
    }
}
