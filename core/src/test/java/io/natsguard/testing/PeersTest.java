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

    private static String version(Path binary, String flag) throws Exception {
        Process process = new ProcessBuilder(binary.toString(), flag).redirectErrorStream(true).start();
        try {
            String said = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            assertThat(process.waitFor(10, TimeUnit.SECONDS)).as("%s %s ended", binary, flag).isTrue();
            return said;
        } finally {
            process.destroyForcibly();
        }
    }
}
