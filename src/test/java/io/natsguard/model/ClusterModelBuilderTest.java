package io.natsguard.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.natsguard.conf.Position;
import io.natsguard.source.ManifestReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How manifests become clusters: which data is NATS config, how mounts and flags are read. */
class ClusterModelBuilderTest {

    private static List<Cluster> clusters(String yaml) {
        ManifestReader.Result read = ManifestReader.read("m.yaml", yaml);
        assertThat(read.problem()).isNull();
        return new ClusterModelBuilder().addObjects(read.objects()).build().clusters();
    }

    @Test
    void whatANatsServerContainerMountsIsNamedForLookups() {
        String workload = """
                apiVersion: apps/v1
                kind: StatefulSet
                metadata: { name: nats, namespace: nats }
                spec:
                  template:
                    spec:
                      containers:
                        - name: reloader
                          image: natsio/nats-server-config-reloader:0.16
                          volumeMounts: [ { name: other, mountPath: /other } ]
                        - name: nats
                          image: nats:2.10
                          args: [ --config, /etc/nats/nats.conf ]
                          volumeMounts:
                            - { name: config, mountPath: /etc/nats }
                            - { name: tls, mountPath: /etc/tls }
                            - { name: extra, mountPath: /etc/extra }
                      volumes:
                        - { name: config, configMap: { name: nats-config } }
                        - { name: tls, secret: { secretName: nats-tls } }
                        - { name: other, configMap: { name: reloader-only } }
                        - name: extra
                          projected: { sources: [ { configMap: { name: nats-extra } } ] }
                """;
        assertThat(ClusterModelBuilder.mountedByNatsServer(ManifestReader.read("s.yaml", workload).objects().get(0)))
                .containsExactly(new ClusterModelBuilder.Mounted("ConfigMap", "nats-config"),
                        new ClusterModelBuilder.Mounted("Secret", "nats-tls"), new ClusterModelBuilder.Mounted("ConfigMap", "nats-extra"));
        String web = workload.replace("image: nats:2.10", "image: nginx:1.27").replace("args: [ --config, /etc/nats/nats.conf ]", "args: []");
        assertThat(ClusterModelBuilder.mountedByNatsServer(ManifestReader.read("w.yaml", web).objects().get(0))).isEmpty();
    }

    @Test
    void nginxConfThatMentionsRoutesIsNotNatsConfig() {
        List<Cluster> found = clusters("""
                apiVersion: v1
                kind: ConfigMap
                metadata: { name: web }
                data:
                  nginx.conf: |
                    worker_processes 1;
                    events { worker_connections 1024; }
                    http { server { listen 80; location /routes { proxy_pass http://routes:8080; } } }
                """);
        assertThat(found).isEmpty();
        byte[] nginx = "worker_processes 1;\nhttp { server { listen 80; } }\n".getBytes(StandardCharsets.UTF_8);
        assertThat(new ClusterModelBuilder().addConfFile(new ClusterModelBuilder.ConfFile("site/nginx.conf", nginx, false))
                .build().clusters()).isEmpty();
    }

    @Test
    void unnamedDataThatReadsAsNatsOptionsIsNatsConfig() {
        List<Cluster> found = clusters("""
                apiVersion: v1
                kind: ConfigMap
                metadata: { name: server, namespace: nats }
                data:
                  server.conf: |
                    port: 4222
                    server_name: a
                    cluster { name: c, routes: [ nats://a-0.a:6222 ] }
                """);
        assertThat(found).hasSize(1);
        assertThat(found.get(0).routes()).extracting(Route::host).containsExactly("a-0.a");
        assertThat(found.get(0).routes().get(0).position()).isEqualTo(new Position("m.yaml", 8, 34));
    }

    @Test
    void aSubPathMountWithItemsAndAShellWrapperAreFollowed() {
        List<Cluster> found = clusters("""
                apiVersion: v1
                kind: Secret
                metadata: { name: conf, namespace: ns }
                stringData:
                  main: |
                    cluster { name: c, port: 6222 }
                ---
                apiVersion: apps/v1
                kind: StatefulSet
                metadata: { name: nats, namespace: ns }
                spec:
                  replicas: 4
                  serviceName: nats
                  template:
                    spec:
                      containers:
                      - name: server
                        image: registry.example.com/tools/nats-server:2.10
                        command: [ "sh", "-c", "exec nats-server -c /etc/nats/nats.conf --routes nats://nats-0.nats:6222" ]
                        volumeMounts: [ { name: c, mountPath: /etc/nats/nats.conf, subPath: nats.conf } ]
                      volumes:
                      - name: c
                        secret: { secretName: conf, items: [ { key: main, path: nats.conf } ] }
                """);
        assertThat(found).hasSize(1);
        Cluster cluster = found.get(0);
        assertThat(cluster.workload().replicas()).isEqualTo(4);
        assertThat(cluster.config()).isNotNull();
        assertThat(cluster.config().inSecret()).isTrue();
        assertThat(cluster.clusterBlock()).isNotNull();
        assertThat(cluster.routes()).extracting(Route::host).containsExactly("nats-0.nats");
    }

    @Test
    void aDeploymentHasNoStablePodNamesAndAPodIsOneServer() {
        List<Cluster> found = clusters("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: { name: d }
                spec:
                  replicas: 3
                  template: { spec: { containers: [ { name: n, image: nats, args: [ "--cluster=nats://0.0.0.0:6222" ] } ] } }
                ---
                apiVersion: v1
                kind: Pod
                metadata: { name: p }
                spec: { containers: [ { name: n, image: "docker.io/library/nats:2.10-alpine@sha256:abc" } ] }
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata: { name: box }
                spec: { template: { spec: { containers: [ { name: b, image: natsio/nats-box:0.14 } ] } } }
                """);
        assertThat(found).hasSize(2);
        assertThat(found.get(0).workload().hasStablePodNames()).isFalse();
        assertThat(found.get(0).workload().clusterUrl()).isEqualTo("nats://0.0.0.0:6222");
        assertThat(found.get(1).workload().replicas()).isEqualTo(1);
    }

    @Test
    void aConfigMountedByTwoWorkloadsIsCheckedWithEach() {
        String workload = """
                apiVersion: apps/v1
                kind: StatefulSet
                metadata: { name: %s, namespace: x }
                spec:
                  replicas: 3
                  serviceName: svc
                  template:
                    spec:
                      containers:
                      - { name: n, image: nats, args: [ --config, /c/nats.conf ], volumeMounts: [ { name: v, mountPath: /c } ] }
                      volumes: [ { name: v, configMap: { name: shared } } ]
                """;
        List<Cluster> found = clusters("""
                apiVersion: v1
                kind: ConfigMap
                metadata: { name: shared, namespace: x }
                data:
                  nats.conf: "cluster { name: c }"
                ---
                """ + workload.formatted("a") + "---\n" + workload.formatted("b"));
        assertThat(found).hasSize(2).allMatch(c -> c.config() != null);
    }
}
