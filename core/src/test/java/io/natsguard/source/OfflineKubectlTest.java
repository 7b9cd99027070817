package io.natsguard.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.natsguard.limit.Limits;
import io.natsguard.testing.ConnectionCounter;
import io.natsguard.testing.Git;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The environment kubectl runs in, on kustomizations that were not filtered: what it blocks by
 * itself, should a remote reference ever get past {@link KustomizeCopy}, and what it cannot block.
 */
class OfflineKubectlTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path tmp;

    private static Limits outputUpTo(long bytes) {
        Limits defaults = Limits.DEFAULT;
        return new Limits(bytes, defaults.maxIncludeDepth(), defaults.maxIncludedBytes(), defaults.maxExpandedBytes(),
                defaults.maxReplicas());
    }

    private OfflineKubectl.Result build(String resource) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("kustomization"));
        Files.writeString(dir.resolve("kustomization.yaml"), "resources:\n- " + resource + "\n");
        return OfflineKubectl.build(dir, outputUpTo(1 << 20), TIMEOUT);
    }

    @Test
    void anHttpFetchGoesToAProxyOnAPortNothingListensOn() throws Exception {
        OfflineKubectl.Result result = build("http://natsguard-test.invalid/nats.yaml");

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.errors()).contains("proxyconnect tcp").contains("connection refused");
    }

    @Test
    void gitMayUseNoTransportNotEvenALocalRepository() throws Exception {
        Path bare = Git.bareRepository(tmp.resolve("remote.git"), Map.of("base/kustomization.yaml", "resources: []\n"));

        OfflineKubectl.Result result = build("git::file://" + bare + "//base?ref=main");

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.errors()).contains("transport 'file' not allowed");
    }

    /** Go sends requests to loopback addresses without a proxy: only KustomizeCopy keeps these out (KustomizeBoundariesTest). */
    @Test
    void aLoopbackAddressIsReachedDespiteTheProxy() throws Exception {
        try (ConnectionCounter server = new ConnectionCounter()) {
            build("http://" + server.address() + "/nats.yaml");

            assertThat(server.connections()).isEqualTo(1);
        }
    }

    @Test
    void kubectlPastItsTimeIsStopped() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("waits"));
        Files.writeString(dir.resolve("kustomization.yaml"), "resources: [pipe.yaml]\n");
        Process mkfifo = new ProcessBuilder("mkfifo", dir.resolve("pipe.yaml").toString()).inheritIO().start();
        assertThat(mkfifo.waitFor()).isZero();

        OfflineKubectl.Result result = OfflineKubectl.build(dir, outputUpTo(1 << 20), Duration.ofSeconds(1)); // kubectl waits on the pipe for ever

        assertThat(result.timedOut()).isTrue();
    }

    @Test
    void outputPastTheBoundIsNotReadAndKubectlIsStopped() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("big"));
        Files.writeString(dir.resolve("kustomization.yaml"), "resources: [configmap.yaml]\n");
        Files.writeString(dir.resolve("configmap.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: big}\n"
                + "data: {filler: " + "x".repeat(4096) + "}\n");

        assertThat(OfflineKubectl.build(dir, outputUpTo(1024), TIMEOUT).output()).isNull();
        assertThat(OfflineKubectl.build(dir, outputUpTo(8192), TIMEOUT).output()).asString().contains("name: big");
    }

    /*
     * In the two tests below the shell lingers a second, so that the readers are blocked reading when it
     * ends: a stream not being read when its process ends is closed by the JDK itself.
     */

    /** A process left behind (as git could be) that holds the error output: the result comes without it. */
    @Test
    @Timeout(60)
    void aProcessLeftHoldingTheErrorOutputDoesNotHoldTheResult() throws Exception {
        Process process = new ProcessBuilder("sh", "-c", "sleep 300 >/dev/null & echo $!; sleep 1").start();

        OfflineKubectl.Result result = OfflineKubectl.run(process, Limits.DEFAULT, TIMEOUT);

        long left = Long.parseLong(new String(result.output(), StandardCharsets.UTF_8).strip());
        try {
            assertThat(result.timedOut()).isFalse();
            assertThat(result.exitCode()).isZero();
            assertThat(result.errors()).contains("did not end");
        } finally {
            ProcessHandle.of(left).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    /** A process left behind that holds the standard output: the build ends at its timeout. */
    @Test
    @Timeout(60)
    void aProcessLeftHoldingTheOutputEndsTheBuildAtItsTimeout() throws Exception {
        Path pid = tmp.resolve("pid");
        Process process = new ProcessBuilder("sh", "-c", "sleep 300 & echo $! > " + pid + "; sleep 1").start();

        OfflineKubectl.Result result = OfflineKubectl.run(process, Limits.DEFAULT, Duration.ofSeconds(2));

        try {
            assertThat(result.timedOut()).isTrue();
            assertThat(result.output()).isNull();
        } finally {
            ProcessHandle.of(Long.parseLong(Files.readString(pid).strip())).ifPresent(ProcessHandle::destroyForcibly);
        }
    }
}
