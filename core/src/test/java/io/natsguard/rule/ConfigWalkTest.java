package io.natsguard.rule;

import static org.assertj.core.api.Assertions.assertThat;

import io.natsguard.limit.Limits;
import io.natsguard.limit.ReadScope;
import io.natsguard.model.Cluster;
import io.natsguard.model.ClusterModelBuilder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which blocks unknown-field and wrong-value-type check, and the suggestion for a misspelt key. */
class ConfigWalkTest {

    private static Cluster config(String text) {
        List<Cluster> clusters = new ClusterModelBuilder(Limits.DEFAULT, ReadScope.NOTHING)
                .addConfFile(new ClusterModelBuilder.ConfFile("n.conf", text.getBytes(StandardCharsets.UTF_8), true)).build().clusters();
        assertThat(clusters).hasSize(1);
        return clusters.get(0);
    }

    @Test
    void theCheckedBlocksAreTheTopLevelTheClusterItsAuthorizationAndEveryTlsBlock() {
        Cluster cluster = config("""
                port: 4222
                tls { cert_file: a }
                gateway { name: g, tls { cert_file: b } }
                websocket { port: 8080 }
                leafnodes { tls { cert_file: c }, remotes: [ { url: "nats://hub:7422", tls { cert_file: e } } ] }
                cluster { name: c, port: 6222, tls { cert_file: d }, authorization { user: u, password: p } }
                """);
        assertThat(ConfigWalk.checkedBlocks(cluster)).extracting(ConfigWalk.Block::name).containsExactly(
                "the top level", "the leafnodes block", "the gateway block", "the websocket block", "the cluster block",
                "cluster.authorization", "tls", "cluster.tls", "gateway.tls", "leafnodes.tls", "leafnodes.remotes[0].tls");
        assertThat(ConfigWalk.checkedBlocks(config("port: 4222\n"))).extracting(ConfigWalk.Block::name).containsExactly("the top level");
    }

    @Test
    void aMisspeltKeyIsMatchedToAnOptionAtMostTwoEditsAway() {
        Set<String> known = Set.of("routes", "port", "ping_interval", "no_advertise");
        assertThat(ConfigWalk.closest("rotues", known)).isEqualTo("routes");
        assertThat(ConfigWalk.closest("ROUTES", known)).as("keys are case-insensitive").isEqualTo("routes");
        assertThat(ConfigWalk.closest("prt", known)).isEqualTo("port");
        assertThat(ConfigWalk.closest("ping_intervall", known)).isEqualTo("ping_interval");
        assertThat(ConfigWalk.closest("pong", known)).as("two edits from port").isEqualTo("port");
        assertThat(ConfigWalk.closest("pxyz", known)).as("three edits from port").isNull();
        assertThat(ConfigWalk.closest("no_advertize", known)).isEqualTo("no_advertise");
        assertThat(ConfigWalk.closest("xyz", Set.of())).isNull();
        assertThat(ConfigWalk.closest("routs", Set.of("rout_x", "routes"))).as("the closest wins").isEqualTo("routes");
        assertThat(ConfigWalk.closest("routs", Set.of("rout_x"))).as("two edits").isEqualTo("rout_x");
    }
}
