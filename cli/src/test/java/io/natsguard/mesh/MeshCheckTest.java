package io.natsguard.mesh;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.natsguard.mesh.format.MeshFormat;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** The mesh check's decisions beyond the recorded scenarios: failures, samples, --expect, names, pools. */
class MeshCheckTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A 2.9-style /varz. */
    private static ObjectNode varz(String name, String cluster) {
        ObjectNode varz = JSON.createObjectNode().put("server_id", "id-" + name).put("server_name", name).put("version", "2.9.10");
        varz.putObject("cluster").put("name", cluster);
        return varz;
    }

    /** A 2.9-style /routez: routes by remote_id only ("id-" + peer name). */
    private static ObjectNode routez(String name, String... peers) {
        ObjectNode routez = JSON.createObjectNode().put("server_id", "id-" + name).put("num_routes", peers.length);
        ArrayNode routes = routez.putArray("routes");
        for (String peer : peers) {
            routes.addObject().put("rid", routes.size() + 1).put("remote_id", "id-" + peer).put("ip", "10.0.0.9").put("port", 45000);
        }
        return routez;
    }

    /** The answers as the client reads them from the wire. */
    private static Snapshot snapshot(String endpoint, ObjectNode varz, ObjectNode routez) {
        try {
            return new Snapshot(endpoint, MonitorJson.varz(JSON.writeValueAsBytes(varz)), MonitorJson.routez(JSON.writeValueAsBytes(routez)),
                    "ok", null);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Snapshot server(String name, String cluster, String... peers) {
        return snapshot("http://" + name + ":8222/", varz(name, cluster), routez(name, peers));
    }

    private static MeshResult check(List<List<Snapshot>> samples) {
        return MeshCheck.check(samples, OptionalInt.empty());
    }

    @Test
    void aFullMeshIsOk() {
        List<Snapshot> sample = List.of(server("a", "c", "b", "c"), server("b", "c", "a", "c"), server("c", "c", "a", "b"));
        MeshResult result = check(List.of(sample, sample));
        assertThat(result.status()).isEqualTo(MeshResult.Status.OK);
        assertThat(result.problems()).isEmpty();
        assertThat(MeshFormat.TEXT.render(result)).startsWith("natsguard mesh: OK: full mesh (cluster c): 3 servers checked, 3 answered");
    }

    @Test
    void aServerThatDoesNotAnswerIsCritical() {
        List<Snapshot> sample = List.of(server("a", "c", "b"), server("b", "c", "a"), Snapshot.failed("http://c:8222/", "connection refused"));
        MeshResult result = check(List.of(sample));
        assertThat(result.status()).isEqualTo(MeshResult.Status.CRITICAL);
        assertThat(result.problems()).containsExactly("c (http://c:8222/): connection refused");
        assertThat(MeshFormat.TEXT.render(result)).startsWith("natsguard mesh: CRITICAL: 2 of 3 servers answered (cluster c): 3 servers checked, 2 answered\n")
                .contains("\nc: http://c:8222/: connection refused\n");
    }

    @Test
    void fewerServersAnsweringThanExpectedIsTheCauseNamed() {
        List<Snapshot> sample = List.of(server("a", "c", "b"), server("b", "c", "a"));
        MeshResult result = MeshCheck.check(List.of(sample), OptionalInt.of(3), List.of("nats-2: the pod has no IP yet"));
        assertThat(MeshFormat.TEXT.render(result)).startsWith("natsguard mesh: CRITICAL: 2 of 3 servers answered (cluster c): 2 servers checked, "
                + "2 answered, 3 expected\n");
    }

    @Test
    void aProbeThatCannotConnectIsTheCauseNamed() {
        List<Snapshot> sample = List.of(server("a", "c", "b"), server("b", "c", "a"));
        MeshResult result = check(List.of(sample)).withDelivery(new DeliveryProbe.Result(List.of(), List.of(),
                List.of("a (nats://a:4222): the probe cannot connect: Authorization Violation")));
        assertThat(MeshFormat.TEXT.render(result)).startsWith("natsguard mesh: CRITICAL: the probe could not connect to 1 server (cluster c): "
                + "2 servers checked, 2 answered\n").contains("delivery: 0 of 0 probe messages arrived");
    }

    @Test
    void aWarningNamesItsCause() {
        List<Snapshot> sample = List.of(server("a", "c", "b", "x"), server("b", "c", "a"));
        assertThat(MeshFormat.TEXT.render(check(List.of(sample)))).startsWith("natsguard mesh: WARNING: a routes to server id-x, which is not among the "
                + "servers checked (a stray server, or another cluster with the same name?) (cluster c): 2 servers checked, 2 answered\n");
    }

    @Test
    void theTableStaysAlignedForShortNames() {
        List<Snapshot> sample = List.of(server("a", "c", "b"), server("b", "c", "a"), server("d", "c"));
        String[] lines = MeshFormat.TEXT.render(check(List.of(sample))).split("\n");
        assertThat(List.of(lines).subList(1, 5)).containsExactly(
                "         a        b        d        ",
                "a        -        ok       MISSING  ",
                "b        ok       -        MISSING  ",
                "d        MISSING  MISSING  -        ");
    }

    @Test
    void oneOfAnythingIsSingular() {
        String text = MeshFormat.TEXT.render(check(List.of(List.of(server("a", "c", "b"), server("b", "c", "a")))));
        assertThat(text).contains("2 servers checked", "every pair routed in each of 1 sample\n", ", 1 peer, ");
        String alone = MeshFormat.TEXT.render(MeshCheck.check(List.of(List.of(server("a", "c"))), OptionalInt.of(1)));
        assertThat(alone).contains("1 server checked, 1 answered", ", 0 peers, ").doesNotContain("1 servers", "1 samples", "1 peers");
        MeshResult short_ = MeshCheck.check(List.of(List.of(server("a", "c", "b"), server("b", "c", "a"))), OptionalInt.of(3));
        assertThat(short_.problems()).contains("a routes to 1 server; a mesh of 3 needs 2");
    }

    @Test
    void aRefusedRouteListedAgainUnderANewRidIsNoRoute() {
        // 2.10.27 lists a route its peer refuses for a moment, again and again, each time a new connection
        ObjectNode first = routez("a", "c");
        ((ArrayNode) first.path("routes")).addObject().put("rid", 700).put("remote_id", "id-b");
        ObjectNode second = routez("a", "c");
        ((ArrayNode) second.path("routes")).addObject().put("rid", 912).put("remote_id", "id-b");
        List<Snapshot> others = List.of(server("b", "c", "c"), server("c", "c", "a", "b"));
        MeshResult result = check(List.of(
                List.of(snapshot("http://a:8222/", varz("a", "c"), first), others.get(0), others.get(1)),
                List.of(snapshot("http://a:8222/", varz("a", "c"), second), others.get(0), others.get(1))));
        assertThat(result.status()).isEqualTo(MeshResult.Status.CRITICAL);
        assertThat(result.missingPairs()).containsExactly(List.of("a", "b"));
    }

    @Test
    void aPooledMeshOfTodaysServersCountsPeersNotConnections() throws Exception {
        // /routez of nats-server 2.14.10 (trimmed): pool_size 3, pinned account APP, the system account's own route, compression
        ObjectNode routez = JSON.createObjectNode().put("server_id", "id-a").put("num_routes", 10);
        ArrayNode routes = routez.putArray("routes");
        for (String peer : List.of("b", "c")) {
            for (String account : new String[] {null, null, null, "APP", "SYS"}) {
                ObjectNode route = routes.addObject().put("remote_id", "id-" + peer).put("remote_name", peer).put("compression", "s2_uncompressed");
                if (account != null) {
                    route.put("account", account);
                }
            }
        }
        ObjectNode varz = varz("a", "c");
        ((ObjectNode) varz.path("cluster")).put("pool_size", 3);
        Snapshot a = snapshot("http://a:8222/", varz, routez);
        assertThat(a.routez().peers().keySet()).containsExactly(new Routez.Peer("id-b", "b"), new Routez.Peer("id-c", "c"));
        assertThat(a.routez().peers().get(new Routez.Peer("id-b", "b"))).extracting(Routez.Connection::pooled)
                .containsExactly(true, true, true, false, false);
        MeshResult result = check(List.of(List.of(a, server("b", "c", "a", "c"), server("c", "c", "a", "b"))));
        assertThat(result.status()).isEqualTo(MeshResult.Status.OK);
        assertThat(MeshFormat.TEXT.render(result)).contains("a: http://a:8222/, version 2.9.10, cluster c, 2 peers, num_routes 10, "
                + "compression s2_uncompressed, healthz ok");
    }

    @Test
    void noServerAnsweringIsUnknown() {
        MeshResult result = check(List.of(List.of(Snapshot.failed("http://a:8222/", "connection refused"))));
        assertThat(result.status()).isEqualTo(MeshResult.Status.UNKNOWN);
        assertThat(result.status().exitCode()).isEqualTo(3);
    }

    @Test
    void aRouteSeenInOneSampleOnlyDoesNotCount() {
        // a rejected route can show for some 50 ms (route authorization failures)
        List<Snapshot> first = List.of(server("a", "c", "b"), server("b", "c", "a"));
        List<Snapshot> second = List.of(server("a", "c"), server("b", "c"));
        MeshResult result = check(List.of(first, second));
        assertThat(result.status()).isEqualTo(MeshResult.Status.CRITICAL);
        assertThat(result.missingPairs()).containsExactly(List.of("a", "b"));
        assertThat(result.problems()).contains("a lacks b (it has no route at all)");
    }

    @Test
    void anotherClusterNameIsCritical() {
        List<Snapshot> sample = List.of(server("a", "c", "b"), server("b", "c", "a"), server("d", "typo"));
        MeshResult result = check(List.of(sample));
        assertThat(result.cluster()).isEqualTo("c");
        assertThat(result.problems()).contains("d reports cluster 'typo', the others 'c': it cannot join their mesh");
    }

    @Test
    void aPeerThatIsNotCheckedIsAWarning() {
        List<Snapshot> sample = List.of(server("a", "c", "b", "x"), server("b", "c", "a"));
        MeshResult result = check(List.of(sample));
        assertThat(result.status()).isEqualTo(MeshResult.Status.WARNING);
        assertThat(result.members().get(0).unexpected()).containsExactly("server id-x");
    }

    @Test
    void expectBeyondTheUrlsGivenCountsEachServersPeers() {
        // one URL given, five servers expected: the one answering must route to four
        MeshResult short_ = MeshCheck.check(List.of(List.of(server("a", "c", "b", "d"))), OptionalInt.of(5));
        assertThat(short_.status()).isEqualTo(MeshResult.Status.CRITICAL);
        assertThat(short_.problems()).containsExactly("a routes to 2 servers; a mesh of 5 needs 4");
        MeshResult whole = MeshCheck.check(List.of(List.of(server("a", "c", "b", "d", "e", "f"))), OptionalInt.of(5));
        assertThat(whole.status()).isEqualTo(MeshResult.Status.OK);
    }

    @Test
    void aRouteIsMatchedByTheIdOfThePeerNotByItsName() {
        // 2.9.16 and later name the peer too; the ID decides: a server that only shares b's name is not b
        ObjectNode routez = routez("a");
        ((ArrayNode) routez.path("routes")).addObject().put("remote_id", "id-b").put("remote_name", "b");
        MeshResult matched = check(List.of(List.of(snapshot("http://a:8222/", varz("a", "c"), routez), server("b", "c", "a"))));
        assertThat(matched.status()).isEqualTo(MeshResult.Status.OK);

        ObjectNode impostor = routez("a");
        ((ArrayNode) impostor.path("routes")).addObject().put("remote_id", "id-other").put("remote_name", "b");
        MeshResult result = check(List.of(List.of(snapshot("http://a:8222/", varz("a", "c"), impostor), server("b", "c", "a"))));
        assertThat(result.status()).isEqualTo(MeshResult.Status.CRITICAL);
        assertThat(result.problems()).contains("a lacks b", "a routes to b (server_id id-other), which is not among the servers checked "
                + "(a stray server, or another cluster with the same name?)");
    }

    @Test
    void aRouteWithoutIdIsMatchedByName() {
        ObjectNode routez = routez("a");
        ((ArrayNode) routez.path("routes")).addObject().put("remote_name", "b");
        assertThat(check(List.of(List.of(snapshot("http://a:8222/", varz("a", "c"), routez), server("b", "c", "a")))).status())
                .isEqualTo(MeshResult.Status.OK);
    }

    @Test
    void distinctServersThatShareAServerNameAreCriticalAndNamedByTheirHost() {
        // three servers, one server_name, no route at all: by name they looked like one full mesh
        List<Snapshot> sample = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ObjectNode varz = varz("nats", "c").put("server_id", "id-" + i);
            sample.add(snapshot("http://10.0.0." + i + ":8222/", varz, JSON.createObjectNode().put("server_id", "id-" + i).put("num_routes", 0)));
        }
        MeshResult result = check(List.of(sample, sample));
        assertThat(result.status()).isEqualTo(MeshResult.Status.CRITICAL);
        assertThat(result.members()).extracting(MeshResult.Member::name)
                .containsExactly("nats@10.0.0.0:8222", "nats@10.0.0.1:8222", "nats@10.0.0.2:8222");
        assertThat(result.problems()).contains("3 distinct servers share the server_name 'nats': nats@10.0.0.0:8222, nats@10.0.0.1:8222, "
                + "nats@10.0.0.2:8222; nats-server refuses a route between servers of one name (Duplicate Server Name): give each its own "
                + "server_name", "nats@10.0.0.0:8222 lacks nats@10.0.0.1:8222, nats@10.0.0.2:8222 (it has no route at all)");
        assertThat(result.missingPairs()).hasSize(3);
    }

    @Test
    void distinctServersThatShareANameAndRouteToEachOtherAreStillCritical() {
        List<Snapshot> sample = new java.util.ArrayList<>();
        for (int i = 0; i < 2; i++) {
            ObjectNode varz = varz("nats", "c").put("server_id", "id-" + i);
            ObjectNode routez = routez("nats", "" + (1 - i)).put("server_id", "id-" + i);
            sample.add(snapshot("http://nats-" + i + ".nats.default.svc:8222/", varz, routez));
        }
        MeshResult result = check(List.of(sample));
        assertThat(result.status()).isEqualTo(MeshResult.Status.CRITICAL);
        assertThat(result.missingPairs()).isEmpty();
        assertThat(result.problems()).singleElement().asString().startsWith("2 distinct servers share the server_name 'nats': nats@nats-0, nats@nats-1;");
    }

    @Test
    void oneServerGivenTwiceIsOneMemberAndCritical() {
        Snapshot byAddress = snapshot("http://10.0.0.1:8222/", varz("b", "c"), routez("b", "a"));
        List<Snapshot> sample = List.of(server("a", "c", "b"), server("b", "c", "a"), byAddress);
        MeshResult result = check(List.of(sample));
        assertThat(result.status()).isEqualTo(MeshResult.Status.CRITICAL);
        assertThat(result.members()).extracting(MeshResult.Member::name).containsExactly("a", "b");
        assertThat(result.problems()).containsExactly("http://10.0.0.1:8222/ reaches the same server as http://b:8222/ (server_id id-b): "
                + "one server was given twice, so one server expected is not checked");
    }

    @Test
    void anIncompleteRoutePoolIsAWarning() {
        // 2.10+: pool_size 3 means three pooled connections per peer; an account-pinned route is extra
        ObjectNode varzA = varz("a", "c");
        ((ObjectNode) varzA.path("cluster")).put("pool_size", 3);
        ObjectNode routezA = routez("a", "b", "b");
        ((ArrayNode) routezA.path("routes")).addObject().put("remote_id", "id-b").put("account", "$SYS");
        Snapshot a = snapshot("http://a:8222/", varzA, routezA);
        ObjectNode varzB = varz("b", "c");
        ((ObjectNode) varzB.path("cluster")).put("pool_size", 3);
        Snapshot b = snapshot("http://b:8222/", varzB, routez("b", "a", "a", "a"));
        MeshResult result = check(List.of(List.of(a, b)));
        assertThat(result.status()).isEqualTo(MeshResult.Status.WARNING);
        assertThat(result.problems()).containsExactly("a has 2 of its 3 pooled routes to b");
    }

    @Test
    void aPeerWithFewerConnectionsThanTheOthersIsAWarning() {
        // without pool_size in /varz the count comes from the server itself: 3 connections to b and c, 2 to d
        Snapshot a = server("a", "c", "b", "b", "b", "c", "c", "c", "d", "d");
        List<Snapshot> sample = List.of(a, server("b", "c", "a", "c", "d"), server("c", "c", "a", "b", "d"), server("d", "c", "a", "b", "c"));
        MeshResult result = check(List.of(sample));
        assertThat(result.status()).isEqualTo(MeshResult.Status.WARNING);
        assertThat(result.problems()).containsExactly("a has 2 route connections to d, 3 to most of its peers");
    }

    @Test
    void prometheusOutputHasTheVerdictAndEveryPair() {
        List<Snapshot> sample = List.of(server("a", "c", "b"), server("b", "c", "a"), server("d", "c"));
        String text = MeshFormat.PROMETHEUS.render(check(List.of(sample)));
        assertThat(text).contains("# TYPE natsguard_mesh_status gauge", "natsguard_mesh_status{cluster=\"c\"} 2",
                "natsguard_mesh_missing_pairs{cluster=\"c\"} 2", "natsguard_mesh_route_up{cluster=\"c\",server=\"a\",peer=\"b\"} 1",
                "natsguard_mesh_route_up{cluster=\"c\",server=\"a\",peer=\"d\"} 0", "natsguard_mesh_server_up{cluster=\"c\",server=\"d\"} 1");
    }

    @Test
    void jsonOutputHasTheServersAndTheMissingPairs() throws Exception {
        List<Snapshot> sample = List.of(server("a", "c", "b"), server("b", "c", "a"), server("d", "c"));
        var json = JSON.readTree(MeshFormat.JSON.render(check(List.of(sample))));
        assertThat(json.path("status").asText()).isEqualTo("CRITICAL");
        assertThat(json.path("exit_code").asInt()).isEqualTo(2);
        assertThat(json.path("missing_pairs").toString()).isEqualTo("[[\"a\",\"d\"],[\"b\",\"d\"]]");
        assertThat(json.path("servers").get(2).path("missing_peers").toString()).isEqualTo("[\"a\",\"b\"]");
    }
}
