package io.natsguard.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which release an image's tag names, and which pinned release's option table judges it. */
class NatsVersionTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "none", textBlock = """
            nats:2.10.24-alpine                   | 2.10.24
            nats:2.11                             | 2.11
            docker.io/library/nats:2.9.22         | 2.9.22
            registry.local:5000/nats:v2.12.1      | 2.12.1
            nats:2.11.0-RC.1                      | 2.11.0
            nats:2.10.24@sha256:0123abcd          | 2.10.24
            nats@sha256:0123abcd                  | none
            nats:latest                           | none
            nats:alpine                           | none
            nats                                  | none
            registry.local:5000/nats              | none
            """)
    void theTagNamesTheRelease(String image, String release) {
        assertThat(NatsVersion.ofImage(image).map(NatsVersion::toString)).isEqualTo(Optional.ofNullable(release));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            2.9.22  | 2.9.10
            2.8.4   | 2.9.10
            2.10.3  | 2.10.27
            2.11    | 2.11.17
            2.13.1  | 2.14.10
            2.14.10 | 2.14.10
            2.15.0  | 2.14.10
            3.0.0   | 2.14.10
            """)
    void aReleaseIsJudgedByThePinnedReleaseOfItsLineElseTheNextNewer(String release, String judgedBy) {
        assertThat(ServerOptions.judgedBy(NatsVersion.parse(release).orElseThrow())).hasToString(judgedBy);
    }

    @Test
    void theTablesKnowAnOptionFromTheReleaseThatBroughtItIn() {
        ServerOptions.Option poolSize = ServerOptions.option("cluster", "POOL_SIZE").orElseThrow();
        assertThat(poolSize.knownIn(ServerOptions.RELEASES.get(0))).isFalse();
        assertThat(poolSize.knownIn(ServerOptions.RELEASES.get(1))).isTrue();
        assertThat(poolSize.cameIn()).isEqualTo("after 2.9.10 (2.10.27 accepts it)");
        assertThat(ServerOptions.option("cluster", "routes").orElseThrow().cameIn()).isEqualTo("2.9.10 or earlier");
        assertThat(ServerOptions.option("mqtt", "consumer_replicas").orElseThrow().deprecatedIn(ServerOptions.RELEASES.get(0))).isFalse();
        assertThat(ServerOptions.option("mqtt", "consumer_replicas").orElseThrow().deprecatedIn(ServerOptions.NEWEST)).isTrue();
        assertThat(ServerOptions.blocks()).containsExactly("top", "cluster", "cluster.authorization", "authorization", "tls",
                "leafnodes", "gateway", "jetstream", "websocket", "mqtt", "accounts.account");
    }
}
