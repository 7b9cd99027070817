package io.natsguard.mesh;

import static org.assertj.core.api.Assertions.assertThat;

import io.natsguard.limit.Limits;
import io.natsguard.lint.Inputs;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The servers a mesh should have, from the manifests that deploy it. */
class ExpectedServersTest {

    @TempDir
    Path dir;

    private ExpectedServers.Found found(String conf, String replicas) throws Exception {
        Files.writeString(dir.resolve("nats.yaml"), """
                apiVersion: v1
                kind: ConfigMap
                metadata: { name: nats-config, namespace: msg }
                data:
                  nats.conf: |
                %s
                ---
                apiVersion: apps/v1
                kind: StatefulSet
                metadata: { name: nats, namespace: msg }
                spec:
                  serviceName: nats-headless
                  replicas: %s
                  template:
                    spec:
                      containers:
                        - name: nats
                          image: nats:2.10
                          args: [ --config, /etc/nats/nats.conf ]
                          volumeMounts: [ { name: config, mountPath: /etc/nats } ]
                      volumes: [ { name: config, configMap: { name: nats-config } } ]
                """.formatted(conf.indent(4).stripTrailing(), replicas));
        return ExpectedServers.of(Inputs.read(List.of(dir.toString()), System.in).model(Limits.DEFAULT));
    }

    @Test
    void onePodUrlPerReplicaAtTheMonitoringPort() throws Exception {
        ExpectedServers.Found found = found("http: \"0.0.0.0:8300\"\ncluster { name: c, port: 6222 }", "2");
        assertThat(found.clusters()).singleElement().satisfies(members -> assertThat(members.monitors()).containsExactly(
                URI.create("http://nats-0.nats-headless.msg.svc.cluster.local:8300/"),
                URI.create("http://nats-1.nats-headless.msg.svc.cluster.local:8300/")));
        assertThat(found("http_port: 8222\ncluster { name: c, port: 6222 }", "1").clusters().get(0).monitors())
                .containsExactly(URI.create("http://nats-0.nats-headless.msg.svc.cluster.local:8222/"));
        assertThat(found("monitor_port: 9000\ncluster { name: c, port: 6222 }", "1").clusters().get(0).monitors().get(0).getPort())
                .isEqualTo(9000);
    }

    @Test
    void aConfigWithoutMonitoringCannotBeAsked() throws Exception {
        ExpectedServers.Found found = found("cluster { name: c, port: 6222 }", "3");
        assertThat(found.clusters()).isEmpty();
        assertThat(found.unusable()).containsExactly("StatefulSet msg/nats: its config enables no monitoring port (set http_port, e.g. 8222)");
    }
}
