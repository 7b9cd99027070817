package io.natsguard.rule;

import static org.assertj.core.api.Assertions.assertThat;

import io.natsguard.limit.Limits;
import io.natsguard.limit.ReadScope;
import io.natsguard.model.Cluster;
import io.natsguard.model.ClusterModelBuilder;
import io.natsguard.source.ManifestReader;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The route lists the route rules propose and fix: ports, schemes, credentials, long lists. */
class RouteListsTest {

    /** A StatefulSet {@code nats} of {@code replicas} in namespace m, with this cluster block and these extra args. */
    private static Cluster cluster(int replicas, String clusterBlock, String args) {
        String yaml = """
                apiVersion: v1
                kind: ConfigMap
                metadata: { name: cfg, namespace: m }
                data:
                  nats.conf: |
                    port: 4222
                    %s
                ---
                apiVersion: apps/v1
                kind: StatefulSet
                metadata: { name: nats, namespace: m }
                spec:
                  serviceName: hl
                  replicas: %d
                  template:
                    spec:
                      containers:
                        - name: nats
                          image: nats:2.10
                          args: [ --config, /etc/nats/nats.conf%s ]
                          volumeMounts: [ { name: c, mountPath: /etc/nats } ]
                      volumes: [ { name: c, configMap: { name: cfg } } ]
                """.formatted(clusterBlock, replicas, args);
        List<Cluster> clusters = new ClusterModelBuilder(Limits.DEFAULT, ReadScope.NOTHING).addObjects(ManifestReader.read("s.yaml", yaml).objects()).build().clusters();
        assertThat(clusters).hasSize(1);
        return clusters.get(0);
    }

    @Test
    void theClusterPortComesFromPortListenOrTheClusterFlag() {
        assertThat(RouteLists.clusterPort(cluster(1, "cluster { port: 7001 }", ""), 6222)).isEqualTo(7001);
        assertThat(RouteLists.clusterPort(cluster(1, "cluster { listen: 7002 }", ""), 6222)).isEqualTo(7002);
        assertThat(RouteLists.clusterPort(cluster(1, "cluster { listen: \"0.0.0.0:7003\" }", ""), 6222)).isEqualTo(7003);
        assertThat(RouteLists.clusterPort(cluster(1, "cluster { name: c }", ", --cluster, \"nats://0.0.0.0:7004\""), 6222)).isEqualTo(7004);
        assertThat(RouteLists.clusterPort(cluster(1, "cluster { name: c }", ""), 6222)).isEqualTo(6222);
        assertThat(RouteLists.clusterPort(cluster(1, "cluster { port: 0, listen: \"host:7005\" }", ""), 6222)).isEqualTo(7005);
    }

    @Test
    void aListNamesEveryPodWithTheSchemeCredentialsAndPortAsked() {
        Cluster plain = cluster(2, "cluster { port: 6222 }", "");
        assertThat(RouteLists.perPodUrls(plain.workload(), plain, "nats", "u:p", 6222)).containsExactly(
                "nats://u:p@nats-0.hl.m.svc.cluster.local:6222", "nats://u:p@nats-1.hl.m.svc.cluster.local:6222");
        Cluster tls = cluster(1, "cluster { port: 6222, tls { cert_file: a, key_file: b } }", "");
        assertThat(RouteLists.perPodUrls(tls.workload(), tls, "nats", "", 6222)).containsExactly("tls://nats-0.hl.m.svc.cluster.local:6222");
        // a pod is reached at its own cluster port, whatever port a Service in front of it maps
        Cluster written = cluster(2, "cluster { port: 6222, routes: [ \"nats-route://r:s@svc:7222\" ] }", "");
        assertThat(RouteLists.perPodUrlsLike(written.workload(), written, written.routes().get(0))).containsExactly(
                "nats-route://r:s@nats-0.hl.m.svc.cluster.local:6222", "nats-route://r:s@nats-1.hl.m.svc.cluster.local:6222");
        Cluster unknownPort = cluster(1, "cluster { name: c, routes: [ \"nats://svc:7222\" ] }", "");
        assertThat(RouteLists.perPodUrlsLike(unknownPort.workload(), unknownPort, unknownPort.routes().get(0)))
                .containsExactly("nats://nats-0.hl.m.svc.cluster.local:7222");
        Cluster bare = cluster(1, "cluster { port: 6300, routes: [ \"svc\" ] }", "");
        assertThat(RouteLists.perPodUrlsLike(bare.workload(), bare, bare.routes().get(0)))
                .containsExactly("nats://nats-0.hl.m.svc.cluster.local:6300");
    }

    @Test
    void longListsAreWrittenAsAPatternInMessages() {
        Cluster ten = cluster(10, "cluster { port: 6222 }", "");
        assertThat(RouteLists.perPod(ten.workload(), ten, "nats", "", 6222)).startsWith("nats://nats-0.hl.m.svc.cluster.local:6222, ")
                .endsWith("nats://nats-9.hl.m.svc.cluster.local:6222").doesNotContain(" for i");
        Cluster eleven = cluster(11, "cluster { port: 6222 }", "");
        assertThat(RouteLists.perPod(eleven.workload(), eleven, "nats", "", 6222))
                .isEqualTo("nats://nats-<i>.hl.m.svc.cluster.local:6222 for i = 0..10");
        assertThat(RouteLists.names(List.of("a", "b"))).isEqualTo("a, b");
        List<String> twelve = java.util.stream.IntStream.range(0, 12).mapToObj(i -> "n" + i).toList();
        assertThat(RouteLists.names(twelve)).isEqualTo("n0, n1, n2, n3, n4, n5, n6, n7, n8, n9 and 2 more");
    }

    /** What a rule says about a cluster. */
    private static List<String> messages(Rule rule, Cluster cluster) {
        List<String> messages = new java.util.ArrayList<>();
        rule.check(cluster, new RuleContext() {
            @Override
            public com.typesafe.config.Config params() {
                return com.typesafe.config.ConfigFactory.empty();
            }

            @Override
            public void report(io.natsguard.base.Position position, String message, List<io.natsguard.base.Related> related,
                    io.natsguard.edit.Fix fix) {
                messages.add(message);
            }

            @Override
            public io.natsguard.edit.Planner planner() {
                return new io.natsguard.edit.Planner(java.util.Map.of(), "test");
            }
        });
        return messages;
    }

    @Test
    void theSingleNameFindingProposesThePodListWhenItKnowsThePods() {
        Cluster known = cluster(2, "cluster { port: 6222, routes: [ \"nats://nats-all:6222\" ] }", "");
        assertThat(messages(new RoutesSingleDnsName(), known)).singleElement().asString().endsWith(" Write one route per pod: "
                + "nats://nats-0.hl.m.svc.cluster.local:6222, nats://nats-1.hl.m.svc.cluster.local:6222.");
        List<Cluster> alone = new ClusterModelBuilder(Limits.DEFAULT, ReadScope.NOTHING).addConfFile(new ClusterModelBuilder.ConfFile("n.conf",
                "cluster { port: 6222, routes: [ nats://nats-all:6222 ] }\n".getBytes(java.nio.charset.StandardCharsets.UTF_8), true))
                .build().clusters();
        assertThat(messages(new RoutesSingleDnsName(), alone.get(0))).singleElement().asString()
                .endsWith(" Write one route per server: nats://<statefulset>-<i>.<headless-service>.<namespace>.svc.cluster.local:<port> "
                        + "for every ordinal i.");
    }

    @Test
    void aPodOrdinalIsReadOnlyFromThisStatefulSetsNames() {
        Cluster c = cluster(3, "cluster { port: 6222 }", "");
        assertThat(RouteLists.ordinal(c.workload(), "nats-2.hl.m.svc.cluster.local")).isEqualTo(2);
        assertThat(RouteLists.ordinal(c.workload(), "nats-2.hl")).isEqualTo(2);
        assertThat(RouteLists.ordinal(c.workload(), "other-2.hl")).isEqualTo(-1);
        assertThat(RouteLists.ordinal(c.workload(), "nats-2.other")).isEqualTo(-1);
        assertThat(RouteLists.ordinal(c.workload(), "nats-99999999999.hl")).isEqualTo(-1);
        assertThat(RouteLists.looksPerPod("web-0.svc")).isTrue();
        assertThat(RouteLists.looksPerPod("nats-headless")).isFalse();
    }
}
