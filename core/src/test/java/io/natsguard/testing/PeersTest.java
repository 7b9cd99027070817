package io.natsguard.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each peer the suite relies on is there and is the release it is filed under: a stale cache folder
 * (a binary built from another tag) would make every verdict "of 2.14" a verdict of something else.
 */
class PeersTest {

    static List<String> releases() {
        return Peers.ALL;
    }

    @ParameterizedTest
    @MethodSource("releases")
    void eachNatsServerReportsItsRelease(String release) throws Exception {
        assertThat(version(Peers.natsServer(release), "--version")).isEqualTo("nats-server: " + release);
    }

    @Test
    void natscliReportsItsRelease() throws Exception {
        assertThat(version(Peers.natscli(), "--version")).isEqualTo(Peers.NATSCLI);
    }

    @Test
    void theControlPlaneReportsItsReleases() throws Exception {
        assertThat(version(Peers.kubeApiserver(), "--version")).isEqualTo("Kubernetes " + Peers.KUBERNETES);
        assertThat(version(Peers.kubectl(), "version", "--client")).startsWith("Client Version: " + Peers.KUBERNETES + "\n");
        assertThat(version(Peers.etcd(), "--version")).startsWith("etcd Version: " + Peers.ETCD.substring(1) + "\n");
    }

    private static String version(Path binary, String... flags) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(binary.toString()));
        command.addAll(List.of(flags));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String said = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            assertThat(process.waitFor(10, TimeUnit.SECONDS)).as("%s %s ended", binary, String.join(" ", flags)).isTrue();
            return said;
        } finally {
            process.destroyForcibly();
        }
    }
}
