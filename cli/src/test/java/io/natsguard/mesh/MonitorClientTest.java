package io.natsguard.mesh;

import static io.natsguard.mesh.FakeMonitor.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The monitoring client against hostile endpoints on 127.0.0.1: each answer is read up to its cap
 * and within the timeout from first byte to last, and what a server wrote is shown safely. The
 * deadline of each round (30 s) is far beyond the timeout, so an answer that ends the round before
 * it proves the timeout or the cap did.
 */
class MonitorClientTest {

    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final String VARZ = "{\"server_id\":\"NID\",\"server_name\":\"n0\",\"cluster\":{\"name\":\"c\"}}";

    private static Snapshot ask(FakeMonitor monitor, Duration timeout) throws InterruptedException {
        return new MonitorClient(timeout).sample(List.of(URI.create(monitor.url())), DEADLINE).get(0);
    }

    @Test
    void aNatsClientPortIsNamedAsSuch() throws Exception {
        // a client port greets every connection, before any request, with INFO {...}
        try (java.net.ServerSocket client = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            Thread greeter = new Thread(() -> {
                while (!client.isClosed()) {
                    try (java.net.Socket connection = client.accept()) {
                        connection.getOutputStream().write("INFO {\"server_id\":\"NID\",\"port\":4222}\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                        connection.getInputStream().read(new byte[1024]);
                    } catch (java.io.IOException closed) {
                        // the test ended, or the client hung up
                    }
                }
            });
            greeter.setDaemon(true);
            greeter.start();
            String hostPort = "127.0.0.1:" + client.getLocalPort();
            Snapshot answer = new MonitorClient(Duration.ofSeconds(2)).sample(List.of(URI.create("http://" + hostPort + "/")), DEADLINE).get(0);
            assertThat(answer.failure()).isEqualTo(hostPort + " is a NATS client port; give the monitoring port, http_port (8222 by default)");
        }
    }

    @Test
    void anEndlessVarzIsCutAtTheCap() throws Exception {
        try (FakeMonitor monitor = FakeMonitor.serving("NID", FakeMonitor.endless("{\"server_id\":\"NID\",\"padding\":\""))) {
            Snapshot answer = ask(monitor, Duration.ofSeconds(20));
            assertThat(answer.failure()).isEqualTo("/varz answered more than 4 MiB: the response was too large (a NATS server's is a few KiB)");
        }
    }

    @Test
    void aDrippingVarzEndsAtTheTimeout() throws Exception {
        try (FakeMonitor monitor = FakeMonitor.serving("NID", FakeMonitor.dripping("{\"server_id\":", Duration.ofMillis(300)))) {
            Snapshot answer = ask(monitor, Duration.ofSeconds(1));
            assertThat(answer.failure()).matches("/varz began to answer but did not finish within 1000 ms \\(\\d+ bytes arrived\\)");
        }
    }

    @Test
    void aSilentServerEndsAtTheTimeout() throws Exception {
        try (FakeMonitor monitor = FakeMonitor.serving("NID", exchange -> Thread.sleep(60_000))) {
            assertThat(ask(monitor, Duration.ofSeconds(1)).failure()).isEqualTo("no answer within 1000 ms");
        }
    }

    @Test
    void answersWithinTheCapAreRead() throws Exception {
        String routes = "{\"remote_id\":\"PEER\",\"ip\":\"127.0.0.1\",\"port\":45000,\"pending_size\":0},".repeat(20_000);
        String routez = "{\"server_id\":\"NID\",\"num_routes\":20000,\"routes\":[" + routes.substring(0, routes.length() - 1) + "]}";
        try (FakeMonitor monitor = FakeMonitor.answering(Map.of("varz", json(VARZ), "routez", json(routez), "healthz", json("{\"status\":\"ok\"}")))) {
            Snapshot answer = ask(monitor, Duration.ofSeconds(10));
            assertThat(answer.failure()).isNull();
            assertThat(answer.routez().peers().keySet()).containsExactly(new Routez.Peer("PEER", ""));
            assertThat(answer.routez().peers().get(new Routez.Peer("PEER", ""))).hasSize(20_000).allMatch(Routez.Connection::pooled);
            assertThat(answer.health()).isEqualTo("ok");
        }
    }

    @Test
    void varzAndRoutezOfDifferentServersAreRefused() throws Exception {
        try (FakeMonitor monitor = FakeMonitor.serving("OTHER", json(VARZ))) {
            assertThat(ask(monitor, Duration.ofSeconds(5)).failure()).isEqualTo("/varz and /routez came from different servers "
                    + "(server_id NID and OTHER): give one URL per server, not one that balances over several");
        }
    }

    @Test
    void whatIsNoNatsAnswerSaysWhereAndWhy() throws Exception {
        try (FakeMonitor monitor = FakeMonitor.serving("NID", json("{\"server_id\":\"NID\",\n\"port\": {}}"))) {
            assertThat(ask(monitor, Duration.ofSeconds(5)).failure())
                    .startsWith("/varz is not the JSON a NATS server answers (line 2, column 9) at port: Cannot deserialize value of type `int`");
        }
        try (FakeMonitor monitor = FakeMonitor.serving("NID", json("<html>"))) {
            assertThat(ask(monitor, Duration.ofSeconds(5)).failure())
                    .startsWith("/varz is not the JSON a NATS server answers (line 1, column 1): Unexpected character ('<'");
        }
        try (FakeMonitor monitor = FakeMonitor.serving("NID", json("{\"server_name\":\"n0\"}"))) {
            assertThat(ask(monitor, Duration.ofSeconds(5)).failure()).isEqualTo("/varz has no server_id: is this a NATS server's monitoring port?");
        }
        try (FakeMonitor monitor = FakeMonitor.serving("NID", FakeMonitor.status(500, "{}"))) {
            assertThat(ask(monitor, Duration.ofSeconds(5)).failure()).isEqualTo("/varz answered HTTP 500");
        }
    }

    @Test
    void routesToMorePeersThanAnyClusterHasAreRefused() throws Exception {
        StringBuilder routes = new StringBuilder();
        for (int i = 0; i <= Routez.MAX_PEERS; i++) {
            routes.append(i == 0 ? "" : ",").append("{\"remote_id\":\"P").append(i).append("\"}");
        }
        String routez = "{\"server_id\":\"NID\",\"routes\":[" + routes + "]}";
        try (FakeMonitor monitor = FakeMonitor.answering(Map.of("varz", json(VARZ), "routez", json(routez), "healthz", json("{}")))) {
            assertThat(ask(monitor, Duration.ofSeconds(5)).failure()).startsWith("/routez is not the JSON a NATS server answers (line 1, column ")
                    .endsWith(" at routes: routes to more than 1000 servers are listed, more than any NATS cluster has");
        }
    }

    @Test
    void namesAServerWroteArePrintedSafely() throws Exception {
        String varz = "{\"server_id\":\"NID\",\"server_name\":\"n0\\nnatsguard mesh: OK: full mesh\\u001b[2J\\u2028"
                + "x".repeat(300) + "\"}";
        try (FakeMonitor monitor = FakeMonitor.serving("NID", json(varz))) {
            String name = ask(monitor, Duration.ofSeconds(5)).serverName();
            assertThat(name).startsWith("n0\\nnatsguard mesh: OK: full mesh\\x1b[2J\\u2028xxx").endsWith("x...")
                    .doesNotContain("\n", "\u001b", "\u2028");
            assertThat(name).hasSize(MonitorJson.MAX_TEXT + "...".length() + 1 + 3 + 5); // the escapes of LF, ESC, U+2028
        }
    }
}
