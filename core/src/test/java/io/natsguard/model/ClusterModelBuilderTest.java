package io.natsguard.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.natsguard.base.Position;
import io.natsguard.base.Related;
import io.natsguard.limit.Limits;
import io.natsguard.limit.ReadScope;
import io.natsguard.source.HelmValues;
import io.natsguard.source.InputProblem;
import io.natsguard.source.ManifestReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How manifests become clusters: which data is NATS config, how mounts and flags are read. */
class ClusterModelBuilderTest {

    private static List<Cluster> clusters(String yaml) {
        ManifestReader.Result read = ManifestReader.read("m.yaml", yaml);
        assertThat(read.problem()).isNull();
        return new ClusterModelBuilder(Limits.DEFAULT, ReadScope.NOTHING).addObjects(read.objects()).build().clusters();
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
        String web = workload.replace("image: nats:2.10", "image: nginx:1.27").replace("args: [ --config, /etc/nats/nats.conf ]", "args: [ -g, \"daemon off;\" ]");
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
        assertThat(new ClusterModelBuilder(Limits.DEFAULT, ReadScope.NOTHING).addConfFile(new ClusterModelBuilder.ConfFile("site/nginx.conf", nginx, false))
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

    /** Conf files as lint reads them: their includes are read inside the folders that hold them. */
    private static List<Cluster> confFiles(ClusterModelBuilder.ConfFile... files) {
        ReadScope scope = ReadScope.around(java.util.Arrays.stream(files).map(ClusterModelBuilder.ConfFile::path).toList());
        ClusterModelBuilder builder = new ClusterModelBuilder(Limits.DEFAULT, scope);
        for (ClusterModelBuilder.ConfFile file : files) {
            builder.addConfFile(file);
        }
        return builder.build().clusters();
    }

    private static ClusterModelBuilder.ConfFile conf(String path, String text, boolean namedByUser) {
        return new ClusterModelBuilder.ConfFile(path, text.getBytes(StandardCharsets.UTF_8), namedByUser);
    }

    /** What a .conf file of this text is taken for: "NATS", or the reason it is not NATS configuration. */
    private static String verdict(String path, String text, boolean named) {
        ClusterModelBuilder.Model model = new ClusterModelBuilder(Limits.DEFAULT, ReadScope.around(List.of(path)))
                .addConfFile(conf(path, text, named)).build();
        if (!model.clusters().isEmpty()) {
            return "NATS";
        }
        assertThat(model.problems()).singleElement().extracting(InputProblem::kind).isEqualTo(InputProblem.Kind.NOT_NATS);
        return model.problems().get(0).message();
    }

    @Test
    void aConfThatSetsServerOptionsAtLeastAsOftenAsOtherKeysIsNatsConfigOfAnyName() {
        assertThat(verdict("configs/srv_a.conf", "listen: 127.0.0.1:7222\ncluster { listen: 127.0.0.1:7244, name: abc }\n", false))
                .isEqualTo("NATS");
        assertThat(verdict("site/server.conf", "port: 4222\n", false)).isEqualTo("NATS");
        assertThat(verdict("site/server.conf", "http: 8222\nworkers: 4\n", false)).isEqualTo("NATS");
        // a key defined to be used as a $variable is neither side's evidence
        assertThat(verdict("site/server.conf", "PASS: s3cret\nTOKEN: t\nauthorization { token: $TOKEN }\n", false)).isEqualTo("NATS");
        assertThat(verdict("deploy/NATS-a.conf", "workers: 4\n", false)).isEqualTo("NATS");
        assertThat(verdict("redis.conf", "port: 6379\nbind: 127.0.0.1\ndatabases: 16\n", false))
                .isEqualTo("sets fewer nats-server options (port) than other keys (bind, databases)");
        // an option of a type the server does not take is no evidence: nginx's http block
        assertThat(verdict("site/nginx.conf", "worker_processes: 1\nhttp { server { listen: 80 } }\n", false))
                .isEqualTo("sets no nats-server option (its keys: worker_processes, http)");
        assertThat(verdict("empty.conf", "# nothing yet\n", false)).isEqualTo("sets no nats-server option");
        // named is no exception for a .conf; another name is NATS config because the user named it
        assertThat(verdict("site/worker.conf", "workers: 4\n", true)).startsWith("sets no nats-server option");
        assertThat(verdict("site/server.cfg", "workers: 4\n", true)).isEqualTo("NATS");
    }

    @Test
    void aConfThatDoesNotParseIsNatsConfigWhenPlainlyMeantForIt() {
        assertThat(verdict("configs/malformed_listen_address.conf", "listen: 10.0.1.22:foo", false)).isEqualTo("NATS");
        assertThat(verdict("configs/invalid.conf", "# Invalid config file\ntrace:\n", false)).isEqualTo("NATS");
        assertThat(verdict("broken.conf", "server {\n  cluster {\n    routes = [ nats://a:6222\n}\n", false)).isEqualTo("NATS");
        assertThat(verdict("nginx.conf", "user nginx;\nworker_processes auto;\nevents { worker_connections 1024; }\n"
                + "http {\n  listen 80;\n  include /etc/nginx/mime.types;\n  log_format main '$remote_addr';\n}\n", false))
                .startsWith("does not parse as NATS config and, before it stops, sets fewer nats-server options (http) than other keys");
    }

    private static final String RUN_TIME_INCLUDE = """
            apiVersion: v1
            kind: ConfigMap
            metadata: { name: nats-config, namespace: ns }
            data:
              nats.conf: |
                cluster { port: 6222 }
                include "advertise/client.conf"
            ---
            apiVersion: apps/v1
            kind: StatefulSet
            metadata: { name: nats, namespace: ns }
            spec:
              replicas: 3
              serviceName: nats
              template:
                spec:
                  initContainers:
                  - { name: bootconfig, image: natsio/nats-boot-config, args: [ -f, /etc/nats/advertise/client.conf ],
                      volumeMounts: [ { name: advertise, mountPath: /etc/nats/advertise } ] }
                  containers:
                  - name: nats
                    image: nats:2.10
                    args: [ -c, /etc/nats/nats.conf ]
                    volumeMounts: [ { name: config, mountPath: /etc/nats }, { name: advertise, mountPath: /etc/nats/advertise } ]
                  volumes: [ { name: config, configMap: { name: nats-config } }, { name: advertise, emptyDir: {} } ]
            """;

    @Test
    void anIncludeWrittenAtRunTimeIsANoteAndTheRestOfTheConfigIsChecked() {
        ClusterModelBuilder.Model model = new ClusterModelBuilder(Limits.DEFAULT, ReadScope.NOTHING)
                .addObjects(ManifestReader.read("m.yaml", RUN_TIME_INCLUDE).objects()).build();
        NatsConfig config = model.clusters().get(0).config();
        assertThat(config.error()).isNull();
        assertThat(model.clusters().get(0).clusterBlock()).isNotNull();
        assertThat(model.problems()).singleElement().satisfies(note -> {
            assertThat(note.kind()).isEqualTo(InputProblem.Kind.NOTE);
            assertThat(note.position()).isEqualTo(new Position("m.yaml", 7, 14));
            assertThat(note.message()).isEqualTo("include \"advertise/client.conf\" is not checked: written at run time by init "
                    + "container bootconfig (its command names /etc/nats/advertise/client.conf); the rest of the config is checked");
        });
        // an emptyDir that nothing else in the pod writes holds no such file: the server refuses the config
        String unwritten = RUN_TIME_INCLUDE.replace("args: [ -f, /etc/nats/advertise/client.conf ],", "args: [ -h ],")
                .replace("volumeMounts: [ { name: advertise, mountPath: /etc/nats/advertise } ] }", "volumeMounts: [ ] }");
        ClusterModelBuilder.Model refused = new ClusterModelBuilder(Limits.DEFAULT, ReadScope.NOTHING)
                .addObjects(ManifestReader.read("m.yaml", unwritten).objects()).build();
        assertThat(refused.problems()).isEmpty();
        assertThat(refused.clusters().get(0).config().error().getMessage())
                .endsWith("open /etc/nats/advertise/client.conf: no such file or directory (not among the mounted ConfigMaps and Secrets)");
        assertThat(refused.clusters().get(0).clusterBlock()).isNotNull();
    }

    @Test
    void aMissingIncludeIsAParseErrorAndTheRestIsChecked(@TempDir Path dir) throws Exception {
        Path conf = dir.resolve("reload.conf");
        Files.writeString(conf, "include 'platform.conf'\nport: 2233\nping_interval: 5\n");
        ClusterModelBuilder.Model model = new ClusterModelBuilder(Limits.DEFAULT, ReadScope.around(List.of(dir.toString())))
                .addConfFile(new ClusterModelBuilder.ConfFile(conf.toString(), Files.readAllBytes(conf), false)).build();
        NatsConfig config = model.clusters().get(0).config();
        assertThat(config.error().getMessage()).startsWith("error parsing include file 'platform.conf', open ")
                .endsWith("platform.conf: no such file or directory");
        assertThat(config.error().position()).isEqualTo(new Position(conf.toString(), 1, 10));
        assertThat(config.at("ping_interval").value()).isEqualTo(5L);
    }

    @Test
    void aClusterIsFoundAtItsBlockItsRoutesItsFlagOrItsWorkload() {
        Cluster alone = confFiles(conf("n.conf", "port: 4222\ncluster {\n  name: c\n  routes: [ 5, nats://a:6222 ]\n}\n", true)).get(0);
        assertThat(alone.label()).isEqualTo("n.conf");
        assertThat(alone.clustered()).isTrue();
        assertThat(alone.clusterAt()).isEqualTo(new Position("n.conf", 2, 1));
        assertThat(alone.routesAt()).isEqualTo(new Position("n.conf", 4, 3));
        assertThat(alone.routes()).extracting(Route::url).containsExactly("nats://a:6222"); // 5 is no URL
        assertThat(alone.config().at("cluster", "name").value()).isEqualTo("c");
        assertThat(alone.config().at("cluster", "name", "deeper")).isNull();
        assertThat(alone.config().at("nope", "name")).isNull();

        Cluster noRoutes = confFiles(conf("n.conf", "port: 4222\n\ncluster { name: c, tls: \"no\" }\n", true)).get(0);
        assertThat(noRoutes.routesAt()).isEqualTo(noRoutes.clusterAt()).isEqualTo(new Position("n.conf", 3, 1));
        assertThat(noRoutes.clusterTls()).isNull();

        Cluster notABlock = confFiles(conf("n.conf", "port: 4222\ncluster: 6222\n", true)).get(0);
        assertThat(notABlock.clusterBlock()).isNull();
        assertThat(notABlock.clustered()).isFalse();
        assertThat(notABlock.clusterAt()).isNull();
        assertThat(notABlock.routes()).isEmpty();

        List<Cluster> workloads = clusters("""
                apiVersion: apps/v1
                kind: StatefulSet
                metadata: { name: flags, namespace: ns }
                spec:
                  template: { spec: { containers: [ { name: n, image: nats, args: [ -DV, --cluster, "nats://0.0.0.0:6222" ] } ] } }
                ---
                apiVersion: apps/v1
                kind: StatefulSet
                metadata: { name: plain, namespace: ns }
                spec:
                  template: { spec: { containers: [ { name: n, image: nats } ] } }
                """);
        Cluster flags = workloads.get(0);
        assertThat(flags.label()).isEqualTo("StatefulSet ns/flags");
        assertThat(flags.clustered()).isTrue();
        assertThat(flags.clusterAt()).isEqualTo(new Position("m.yaml", 5, 85));
        assertThat(flags.routesAt()).isEqualTo(flags.clusterAt());
        Cluster plain = workloads.get(1);
        assertThat(plain.clustered()).isFalse();
        assertThat(plain.clusterAt()).isEqualTo(plain.workload().object().position());
    }

    @Test
    void flagsAreReadAsGoReadsThemAndLiteralEnvironmentValuesResolve() {
        Cluster cluster = clusters("""
                apiVersion: v1
                kind: ConfigMap
                metadata: { name: c, namespace: ns }
                data:
                  nats.conf: "cluster { name: $NAME, routes: [ $ROUTE, $ELSEWHERE ] }"
                ---
                apiVersion: apps/v1
                kind: StatefulSet
                metadata: { name: n, namespace: ns }
                spec:
                  template:
                    spec:
                      containers:
                      - name: nats
                        image: example.com/base:1
                        command: [ /usr/local/bin/nats-server ]
                        args: [ "-", "--", -js, -c=/etc/nats/nats.conf, --cluster_name, from-flag, --trace ]
                        env:
                        - { name: NAME, value: east }
                        - { name: ROUTE, value: "nats://n-0.n:6222" }
                        - { name: ELSEWHERE, valueFrom: { secretKeyRef: { name: s, key: k } } }
                        volumeMounts: [ { name: v, mountPath: /etc/nats } ]
                      volumes: [ { name: v, configMap: { name: c } } ]
                """).get(0);
        Workload workload = cluster.workload();
        assertThat(workload.configPath()).isEqualTo("/etc/nats/nats.conf");
        assertThat(workload.clusterName()).isEqualTo("from-flag");
        assertThat(workload.env()).containsOnlyKeys("NAME", "ROUTE");
        assertThat(cluster.config().at("cluster", "name").value()).isEqualTo("east");
        // a variable set elsewhere reads as its own name, never as an empty value
        assertThat(cluster.routes()).extracting(Route::url).containsExactly("nats://n-0.n:6222", "$ELSEWHERE");
    }

    @Test
    void argumentsTakeTheLiteralEnvValuesAsTheKubeletExpandsThem() {
        Workload workload = clusters("""
                apiVersion: v1
                kind: Pod
                metadata: { name: p, namespace: ns }
                spec:
                  containers:
                  - name: nats
                    image: nats:2.10
                    env:
                    - { name: HOST, value: p-0.p }
                    - { name: URL, value: "nats://$(HOST):6222" }
                    - { name: FROM_SECRET, valueFrom: { secretKeyRef: { name: s, key: k } } }
                    - { name: HOST, valueFrom: { configMapKeyRef: { name: c, key: k } } }
                    args: [ "--routes=$(URL),nats://$(FROM_SECRET):6222,nats://$(HOST):6222,nats://$$(URL):1,nats://$(UNSET", --cluster=x ]
                """).get(0).workload();
        assertThat(workload.argRoutes()).extracting(Route::url).containsExactly("nats://p-0.p:6222",
                "nats://$(FROM_SECRET):6222", "nats://$(HOST):6222", "nats://$(URL):1", "nats://$(UNSET");
        assertThat(workload.argRoutes()).extracting(Route::hostKnown).containsExactly(true, false, false, false, false);
        // the value's own place is related to every route it made; a later valueFrom hides an earlier literal
        assertThat(workload.argRoutes().get(0).via()).extracting(Related::note).containsExactly("$(URL) is set here");
        assertThat(workload.argRoutes().get(0).via().get(0).position()).isEqualTo(new Position("m.yaml", 10, 27));
        assertThat(workload.env()).containsOnlyKeys("URL");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            DaemonSet  | spec: { template: { spec: { containers: [ { name: n, image: nats:2.10, args: [ --cluster=nats://0.0.0.0:6222 ] } ] } } } | -
            ReplicaSet | spec: { replicas: 2, template: { spec: { containers: [ { name: n, image: nats:2.10, args: [ --cluster=nats://0.0.0.0:6222 ] } ] } } } | 2
            Job        | spec: { parallelism: 3, template: { spec: { containers: [ { name: n, image: nats:2.10, args: [ --cluster=nats://0.0.0.0:6222 ] } ] } } } | 3
            CronJob    | spec: { schedule: "@daily", jobTemplate: { spec: { template: { spec: { containers: [ { name: n, image: nats:2.10, args: [ --cluster=nats://0.0.0.0:6222 ] } ] } } } } } | 1
            """)
    void everyKindThatRunsPodsIsRead(String kind, String spec, Integer replicas) {
        List<Cluster> found = clusters("apiVersion: apps/v1\nkind: " + kind + "\nmetadata: { name: w, namespace: ns }\n" + spec + "\n");
        assertThat(found).hasSize(1);
        Workload workload = found.get(0).workload();
        assertThat(workload.kind()).isEqualTo(kind);
        assertThat(workload.replicas()).isEqualTo(replicas);
        assertThat(workload.hasStablePodNames()).isFalse();
        assertThat(found.get(0).clustered()).isTrue();
    }

    @Test
    void aFlagWithoutItsValueAtTheEndIsNoFlag() {
        Workload workload = clusters("""
                apiVersion: v1
                kind: Pod
                metadata: { name: p }
                spec: { containers: [ { name: n, image: nats, args: [ --routes, "nats://a:6222,,nats://b:6222", --config ] } ] }
                """).get(0).workload();
        assertThat(workload.configPath()).isNull();
        assertThat(workload.argRoutes()).extracting(Route::host).containsExactly("a", "b");
    }

    @Test
    void aProjectedSecretIsAMount() {
        String workload = """
                apiVersion: apps/v1
                kind: StatefulSet
                metadata: { name: nats }
                spec:
                  template:
                    spec:
                      containers: [ { name: nats, image: nats, volumeMounts: [ { name: p, mountPath: /etc/p } ] } ]
                      volumes: [ { name: p, projected: { sources: [ { secret: { name: creds } }, { configMap: { name: conf } } ] } } ]
                """;
        assertThat(ClusterModelBuilder.mountedByNatsServer(ManifestReader.read("s.yaml", workload).objects().get(0)))
                .containsExactly(new ClusterModelBuilder.Mounted("Secret", "creds"), new ClusterModelBuilder.Mounted("ConfigMap", "conf"));
    }

    @Test
    void includesResolveAmongTheMountedFilesOrTheKeysOfTheirConfigMap() {
        List<Cluster> found = clusters("""
                apiVersion: v1
                kind: ConfigMap
                metadata: { name: mounted, namespace: ns }
                data:
                  nats.conf: "include ./auth.conf\\ninclude ./missing.conf\\n"
                  auth.conf: "authorization { token: t }"
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata: { name: alone, namespace: ns }
                data:
                  nats.conf: "include ./auth.conf\\ncluster { name: c }\\n"
                  auth.conf: "authorization { token: t }"
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata: { name: broken, namespace: ns }
                data:
                  nats.conf: "include other.conf\\n"
                ---
                apiVersion: apps/v1
                kind: StatefulSet
                metadata: { name: n, namespace: ns }
                spec:
                  template:
                    spec:
                      containers: [ { name: nats, image: nats, args: [ -c, /etc/nats/nats.conf ], volumeMounts: [ { name: v, mountPath: /etc/nats } ] } ]
                      volumes: [ { name: v, configMap: { name: mounted } } ]
                """);
        // the mounted ConfigMap is checked with its workload only; the others on their own
        assertThat(found).extracting(Cluster::label).containsExactlyInAnyOrder("StatefulSet ns/n",
                "ConfigMap ns/alone key nats.conf", "ConfigMap ns/broken key nats.conf");
        assertThat(labelled(found, "StatefulSet ns/n").config().error()).hasMessageContaining(
                "open /etc/nats/missing.conf: no such file or directory (not among the mounted ConfigMaps and Secrets)");
        NatsConfig alone = labelled(found, "ConfigMap ns/alone key nats.conf").config();
        assertThat(alone.error()).isNull();
        assertThat(alone.at("authorization", "token").value()).isEqualTo("t");
        assertThat(labelled(found, "ConfigMap ns/broken key nats.conf").config().error()).hasMessageContaining(
                "open /other.conf: no such file or directory (not among the keys of ConfigMap ns/broken)");
    }

    private static Cluster labelled(List<Cluster> clusters, String label) {
        return clusters.stream().filter(c -> c.label().equals(label)).findFirst().orElseThrow();
    }

    @Test
    void aConfFileAnotherIncludesIsCheckedAsPartOfItsIncluder(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("nats.conf"), "port: 4222\ninclude cluster.conf\n");
        Files.writeString(dir.resolve("cluster.conf"), "cluster { name: c, port: 6222 }\n");
        List<Cluster> found = confFiles(conf(dir.resolve("nats.conf").toString(), Files.readString(dir.resolve("nats.conf")), true),
                conf(dir.resolve("cluster.conf").toString(), Files.readString(dir.resolve("cluster.conf")), true));
        assertThat(found).singleElement().satisfies(c -> {
            assertThat(c.label()).endsWith("nats.conf");
            assertThat(c.clusterBlock()).isNotNull();
        });
    }

    @Test
    void theChartsHeadlessServiceIsAmongTheServices() {
        String values = "config: { cluster: { enabled: true } }\n";
        HelmValues release = HelmValues.ofValuesFile("values.yaml", values, "msg", "prod", null).orElseThrow();
        Cluster cluster = new ClusterModelBuilder(Limits.DEFAULT, ReadScope.NOTHING).addChartValues(List.of(release)).build().clusters().get(0);
        assertThat(cluster.label()).isEqualTo("StatefulSet prod/msg-nats of HelmValues prod/values.yaml");
        assertThat(cluster.services().namedBy("msg-nats-headless.prod.svc", "prod")).hasValueSatisfying(s -> assertThat(s.headless()).isTrue());
    }
}
