package io.natsguard.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.natsguard.mesh.FakeMonitor;
import io.natsguard.testing.NatsServers;
import io.natsguard.testing.NatsguardProcess;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/natsguard mesh} against real nats-server processes on 127.0.0.1 (Debian's package),
 * healthy and partial meshes built as in ../shared/corpus/monitoring, on ports of their own.
 */
class MeshCommandIT {

    private static final String CLUSTER = "natsguard";

    @TempDir
    Path dir;

    @BeforeAll
    static void natsServerIsInstalled() {
        assumeTrue(NatsServers.installed() || System.getenv("CI") != null, "nats-server is not installed (apt-get install nats-server)");
    }

    private static String routes(List<NatsServers.Ports> to) {
        return "  routes = [ " + to.stream().map(NatsServers.Ports::route).collect(Collectors.joining(", ")) + " ]";
    }

    private NatsguardProcess.Result mesh(List<NatsServers.Ports> servers, String... options) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("mesh"));
        servers.forEach(p -> args.add(p.monitor()));
        args.addAll(List.of(options));
        return NatsguardProcess.run(dir, Map.of(), args.toArray(String[]::new));
    }

    @Test
    void fullMeshesOfThreeAndFiveAreOk() throws Exception {
        for (int size : new int[] {3, 5}) {
            List<NatsServers.Ports> ports = NatsServers.ports(size);
            try (NatsServers servers = new NatsServers(dir)) {
                for (NatsServers.Ports p : ports) {
                    servers.start(p, NatsServers.config(p, CLUSTER, routes(ports)));
                }
                servers.awaitRoutes(ports, size - 1);
                NatsguardProcess.Result result = mesh(ports);
                assertThat(result.exitCode()).as(result.stdout() + result.stderr()).isZero();
                assertThat(result.stdout()).startsWith("natsguard mesh: OK: full mesh (cluster natsguard): " + size + " servers checked");
                assertThat(NatsServers.delivers(ports.get(0), ports.get(size - 1), "full." + size)).isTrue();

                NatsguardProcess.Result probed = mesh(ports, "--probe");
                assertThat(probed.exitCode()).as(probed.stdout() + probed.stderr()).isZero();
                assertThat(probed.stdout()).contains("every probe message delivered",
                        "delivery: " + size * (size - 1) + " of " + size * (size - 1) + " probe messages arrived");
            }
        }
    }

    @Test
    void theProbeAuthenticatesAsToldAndNeverShowsThePassword() throws Exception {
        List<NatsServers.Ports> ports = NatsServers.ports(3);
        try (NatsServers servers = new NatsServers(dir)) {
            for (NatsServers.Ports p : ports) {
                servers.start(p, NatsServers.config(p, CLUSTER, routes(ports), "authorization { user: app, password: app-S3CRET }"));
            }
            servers.awaitRoutes(ports, 2);
            NatsguardProcess.Result anonymous = mesh(ports, "--probe");
            assertThat(anonymous.exitCode()).as(anonymous.stdout()).isEqualTo(2);
            assertThat(anonymous.stdout()).contains("- n0 (nats://127.0.0.1:" + ports.get(0).client() + "): the probe cannot connect: ");

            List<String> args = new ArrayList<>(List.of("mesh", "--probe", "--probe-user", "app"));
            ports.forEach(p -> args.add(p.monitor()));
            NatsguardProcess.Result authenticated = NatsguardProcess.run(dir, Map.of("NATSGUARD_PROBE_PASSWORD", "app-S3CRET"),
                    args.toArray(String[]::new));
            assertThat(authenticated.exitCode()).as(authenticated.stdout() + authenticated.stderr()).isZero();
            assertThat(authenticated.stdout() + authenticated.stderr()).doesNotContain("app-S3CRET");
        }
    }

    @Test
    void aServerThatAdvertisesAnUnreachableAddressIsMissedByGossip() throws Exception {
        List<NatsServers.Ports> ports = NatsServers.ports(5);
        try (NatsServers servers = new NatsServers(dir)) {
            String seed = routes(ports.subList(0, 1));
            for (NatsServers.Ports p : ports.subList(0, 4)) {
                servers.start(p, NatsServers.config(p, CLUSTER, seed));
            }
            servers.awaitRoutes(ports.subList(0, 4), 3);
            int unreachable;
            try (ServerSocket nothing = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                unreachable = nothing.getLocalPort();
            }
            NatsServers.Ports n4 = ports.get(4);
            servers.start(n4, NatsServers.config(n4, CLUSTER, "  advertise: \"127.0.0.1:" + unreachable + "\"\n" + seed));
            servers.awaitRoutes(List.of(ports.get(0)), 4);
            Thread.sleep(1500); // n1..n3 dial the advertised address once, and fail

            NatsguardProcess.Result result = mesh(ports, "--format", "json");
            assertThat(result.exitCode()).as(result.stdout()).isEqualTo(2);
            assertThat(result.stdout()).contains("\"missing_pairs\" : [ [ \"n1\", \"n4\" ], [ \"n2\", \"n4\" ], [ \"n3\", \"n4\" ] ]");
            // routes forward one hop only: n1 -> n4 is lost, n0 -> n4 (a direct route) arrives
            assertThat(NatsServers.delivers(ports.get(1), n4, "advertise.lost")).isFalse();
            assertThat(NatsServers.delivers(ports.get(0), n4, "advertise.direct")).isTrue();

            // the probe finds exactly the ordered pairs that lose messages
            NatsguardProcess.Result probed = mesh(ports, "--probe", "--format", "json");
            assertThat(probed.exitCode()).as(probed.stdout()).isEqualTo(2);
            var delivery = new com.fasterxml.jackson.databind.ObjectMapper().readTree(probed.stdout()).path("delivery");
            assertThat(delivery.path("probed").asInt()).isEqualTo(20);
            List<String> lost = new ArrayList<>();
            delivery.path("lost").forEach(pair -> lost.add(pair.get(0).asText() + "->" + pair.get(1).asText()));
            assertThat(lost).containsExactlyInAnyOrder("n1->n4", "n2->n4", "n3->n4", "n4->n1", "n4->n2", "n4->n3");
        }
    }

    @Test
    void anIslandAndAWrongRoutePasswordAreCritical() throws Exception {
        List<NatsServers.Ports> ports = NatsServers.ports(5);
        try (NatsServers servers = new NatsServers(dir)) {
            String auth = "  authorization { user: route, password: s3cr3t-route }\n";
            List<String> urls = ports.subList(0, 4).stream().map(p -> p.route().replace("nats://", "nats://route:s3cr3t-route@")).toList();
            for (NatsServers.Ports p : ports.subList(0, 4)) {
                servers.start(p, NatsServers.config(p, CLUSTER, auth + "  routes = [ " + String.join(", ", urls) + " ]"));
            }
            servers.awaitRoutes(ports.subList(0, 4), 3);
            NatsServers.Ports n4 = ports.get(4);
            servers.start(n4, NatsServers.config(n4, CLUSTER, "  authorization { user: route, password: other }\n  routes = [ "
                    + String.join(", ", urls).replace("s3cr3t-route", "other") + " ]"));
            Thread.sleep(1500);

            NatsguardProcess.Result result = mesh(ports);
            assertThat(result.exitCode()).as(result.stdout()).isEqualTo(2);
            assertThat(result.stdout()).contains("- n4 lacks n0, n1, n2, n3 (it has no route at all)", "- n0 lacks n4");
            assertThat(NatsServers.delivers(ports.get(0), n4, "auth.lost")).isFalse();
            assertThat(NatsServers.delivers(ports.get(0), ports.get(3), "auth.kept")).isTrue();

            NatsguardProcess.Result probed = mesh(ports, "--probe", "--format", "json");
            assertThat(probed.exitCode()).as(probed.stdout()).isEqualTo(2);
            List<String> lost = new ArrayList<>();
            new com.fasterxml.jackson.databind.ObjectMapper().readTree(probed.stdout()).path("delivery").path("lost")
                    .forEach(pair -> lost.add(pair.get(0).asText() + "->" + pair.get(1).asText()));
            assertThat(lost).containsExactlyInAnyOrder("n0->n4", "n1->n4", "n2->n4", "n3->n4", "n4->n0", "n4->n1", "n4->n2", "n4->n3");
        }
        List<NatsServers.Ports> island = NatsServers.ports(3);
        try (NatsServers servers = new NatsServers(dir)) {
            for (NatsServers.Ports p : island.subList(0, 2)) {
                servers.start(p, NatsServers.config(p, CLUSTER, routes(island.subList(0, 2))));
            }
            servers.start(island.get(2), NatsServers.config(island.get(2), CLUSTER, ""));
            servers.awaitRoutes(island.subList(0, 2), 1);

            NatsguardProcess.Result result = mesh(island, "--format", "prometheus");
            assertThat(result.exitCode()).as("prometheus output exits 0, as natscli's").isZero();
            assertThat(result.stdout()).contains("natsguard_mesh_status{cluster=\"natsguard\"} 2",
                    "natsguard_mesh_route_up{cluster=\"natsguard\",server=\"n2\",peer=\"n0\"} 0");
        }
    }

    @Test
    void aDeadAndASilentServerAreCriticalWithinTheDeadline() throws Exception {
        List<NatsServers.Ports> ports = NatsServers.ports(2);
        try (NatsServers servers = new NatsServers(dir);
                ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            for (NatsServers.Ports p : ports) {
                servers.start(p, NatsServers.config(p, CLUSTER, routes(ports)));
            }
            servers.awaitRoutes(ports, 1);
            int dead;
            try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                dead = closed.getLocalPort();
            }
            long start = System.nanoTime();
            NatsguardProcess.Result result = NatsguardProcess.run(dir, Map.of(), "mesh", ports.get(0).monitor(), ports.get(1).monitor(),
                    "http://127.0.0.1:" + dead, "http://127.0.0.1:" + silent.getLocalPort(), "--timeout", "1s", "--deadline", "3s");
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertThat(result.exitCode()).as(result.stdout()).isEqualTo(2);
            assertThat(result.stdout()).contains("127.0.0.1:" + dead + " (http://127.0.0.1:" + dead + "/): connection refused",
                    "(http://127.0.0.1:" + silent.getLocalPort() + "/): no answer within 1000 ms");
            assertThat(millis).as("the launcher's start plus the 3 s deadline").isLessThan(8000);
        }
    }

    @Test
    void serversThatShareAServerNameAreToldApartByTheirId() throws Exception {
        // one server_name, no route: by name the three looked like one full mesh
        List<NatsServers.Ports> ports = NatsServers.ports(3);
        try (NatsServers servers = new NatsServers(dir)) {
            for (NatsServers.Ports p : ports) {
                servers.start(p, NatsServers.config(p, CLUSTER, "").replace("server_name: " + p.name() + "\n", "server_name: nats\n"));
            }
            NatsguardProcess.Result result = mesh(ports);
            assertThat(result.exitCode()).as(result.stdout() + result.stderr()).isEqualTo(2);
            List<String> names = ports.stream().map(p -> "nats@127.0.0.1:" + p.http()).toList();
            assertThat(result.stdout()).startsWith("natsguard mesh: CRITICAL: 3 missing routes (cluster natsguard): 3 servers checked, 3 answered")
                    .contains("- 3 distinct servers share the server_name 'nats': " + String.join(", ", names) + "; nats-server refuses a route "
                            + "between servers of one name (Duplicate Server Name): give each its own server_name",
                            "- " + names.get(0) + " lacks " + names.get(1) + ", " + names.get(2) + " (it has no route at all)");
        }
    }

    @Test
    void anEndlessAndADrippingVarzEndWithinTheTimeout() throws Exception {
        List<NatsServers.Ports> ports = NatsServers.ports(2);
        try (NatsServers servers = new NatsServers(dir);
                FakeMonitor endless = FakeMonitor.serving("ENDLESS", FakeMonitor.endless("{\"server_id\":\"ENDLESS\",\"padding\":\""));
                FakeMonitor dripping = FakeMonitor.serving("DRIP", FakeMonitor.dripping("{\"server_id\":", Duration.ofMillis(300)))) {
            for (NatsServers.Ports p : ports) {
                servers.start(p, NatsServers.config(p, CLUSTER, routes(ports)));
            }
            servers.awaitRoutes(ports, 1);
            // the mesh CronJob's memory: a 96 MiB heap; its start-up cache is made first, out of the time taken
            Map<String, String> smallHeap = Map.of("JAVA_TOOL_OPTIONS", "-XX:MaxRAM=192m");
            assertThat(NatsguardProcess.run(dir, smallHeap, "--version").exitCode()).isZero();
            long start = System.nanoTime();
            NatsguardProcess.Result result = NatsguardProcess.run(dir, smallHeap, "mesh",
                    ports.get(0).monitor(), ports.get(1).monitor(), endless.url(), dripping.url(), "--timeout", "1s", "--deadline", "60s");
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertThat(result.exitCode()).as(result.stdout() + result.stderr()).isEqualTo(2);
            assertThat(result.stdout()).contains("(" + endless.url() + "): /varz answered more than 4 MiB: the response was too large",
                    "(" + dripping.url() + "): /varz began to answer but did not finish within 1000 ms (");
            assertThat(result.stderr()).doesNotContain("Exception", "\tat ");
            assertThat(millis).as("two samples of 1 s and the interval, far from the 60 s deadline").isLessThan(30_000);

            NatsguardProcess.Result alone = NatsguardProcess.run(dir, Map.of(), "mesh", endless.url(), dripping.url(), "--timeout", "1s",
                    "--deadline", "60s", "--format", "json");
            assertThat(alone.exitCode()).as("no server answered").isEqualTo(3);
            assertThat(alone.stdout()).contains("\"status\" : \"UNKNOWN\"", "the response was too large", "did not finish within 1000 ms");
        }
    }

    @Test
    void theServersCanComeFromTheManifests() throws Exception {
        // outside the cluster the pods' names do not resolve: every server is named, none answers
        Path examples = NatsguardProcess.launcher().getParent().resolveSibling("examples/good");
        NatsguardProcess.Result result = NatsguardProcess.run(dir, Map.of(), "mesh", "--from", examples.toString(), "--deadline", "5s");
        assertThat(result.exitCode()).as(result.stdout() + result.stderr()).isEqualTo(3);
        assertThat(result.stdout()).startsWith("natsguard mesh: UNKNOWN: no server answered: 3 servers checked, 0 answered")
                .contains("- nats-0 (http://nats-0.nats-headless.messaging.svc.cluster.local:8222/): its host name does not resolve",
                        "- nats-2 (http://nats-2.nats-headless.messaging.svc.cluster.local:8222/): ");
        NatsguardProcess.Result none = NatsguardProcess.run(dir, Map.of(), "mesh", "--from", examples.resolve("conf").toString());
        assertThat(none.exitCode()).isEqualTo(3);
        assertThat(none.stderr()).contains(": no NATS StatefulSet whose servers can be asked");
    }

    @Test
    void badUsageIsUnknown() throws Exception {
        NatsguardProcess.Result notAUrl = NatsguardProcess.run(dir, Map.of(), "mesh", "nats-0.nats:8222");
        assertThat(notAUrl.exitCode()).isEqualTo(3);
        assertThat(notAUrl.stderr()).contains("'nats-0.nats:8222' is not a monitoring URL");
        NatsguardProcess.Result none = NatsguardProcess.run(dir, Map.of(), "mesh");
        assertThat(none.exitCode()).isEqualTo(3);
        NatsguardProcess.Result secret = NatsguardProcess.run(dir, Map.of(), "mesh", "http://admin:pw-S3CRET@127.0.0.1:1", "--samples", "1");
        assertThat(secret.exitCode()).as("nothing answered").isEqualTo(3);
        assertThat(secret.stdout()).contains("http://admin:***@127.0.0.1:1/").doesNotContain("pw-S3CRET");
        assertThat(secret.stderr()).doesNotContain("pw-S3CRET");
        NatsguardProcess.Result twice = NatsguardProcess.run(dir, Map.of(), "mesh", "http://127.0.0.1:1", "http://127.0.0.1:1/");
        assertThat(twice.exitCode()).isEqualTo(3);
        assertThat(twice.stderr()).contains("http://127.0.0.1:1/ is given twice: name each server once");
        NatsguardProcess.Result format = NatsguardProcess.run(dir, Map.of(), "mesh", "http://127.0.0.1:1", "--format", "xml");
        assertThat(format.exitCode()).isEqualTo(3);
        assertThat(format.stderr()).contains("Invalid value for option '--format': expected one of [TEXT, JSON, PROMETHEUS] (case-insensitive) but was 'xml'");
    }
}
