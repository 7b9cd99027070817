package io.natsguard.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.natsguard.testing.Repository;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The webhook archive unpacked over the main one, as the README's Install says: the installed
 * {@code natsguard serve} starts without the source tree and answers a review over HTTPS.
 */
class WebhookDistributionIT {

    private static final int PORT = 18944;

    @TempDir
    Path tmp;

    @Test
    void theInstalledServeAnswersAReview() throws Exception {
        Path installed = install();
        Path tls = RotatingCertificates.RESOURCES.toAbsolutePath();
        ProcessBuilder serve = new ProcessBuilder(installed.resolve("bin/natsguard").toString(), "serve", "--port", String.valueOf(PORT),
                "--tls-cert", tls.resolve("tls.crt").toString(), "--tls-key", tls.resolve("tls.key").toString())
                .directory(tmp.toFile()).redirectErrorStream(true).redirectOutput(tmp.resolve("serve.log").toFile());
        serve.environment().put("NATSGUARD_CACHE_DIR", tmp.resolve("cache").toString());
        Process server = serve.start();
        try {
            HttpClient client = Https.client("tls");
            String base = "https://localhost:" + PORT;
            awaitReady(client, base, server);
            HttpResponse<String> review = client.send(HttpRequest.newBuilder(URI.create(base + "/validate"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofFile(Corpus.ADMISSION.resolve("configmap-good-create.json"))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(review.statusCode()).isEqualTo(200);
            assertThat(review.body()).contains("\"allowed\":true");
            // the launcher trained the start-up cache of the webhook (AOT cache on JDK 25, AppCDS before), tried it
            // (its .ok marker) and started with it
            assertCacheAndItsTrial();
        } finally {
            stop(server);
        }
    }

    @Test
    void theInstalledServeMakesItsCacheAsTheImageBuildDoes() throws Exception {
        Path installed = install();
        assertThat(serve(installed, "--aot-train")).as(log()).isZero();
        assertCacheAndItsTrial();
    }

    /** The launcher hands serve's options to the webhook application, whose picocli command reads them. */
    @Test
    void theInstalledServeReadsItsOwnOptions() throws Exception {
        Path installed = install();
        assertThat(serve(installed, "--help")).as(log()).isZero();
        assertThat(log()).startsWith("Usage: natsguard serve ").contains("--tls-cert=FILE");
        assertThat(serve(installed, "--port", "http")).isEqualTo(2);
        assertThat(log()).isEqualTo("natsguard serve: Invalid value for option '--port': 'http' is no port (0 to 65535)"
                + " (see natsguard serve --help)\n");
    }

    /** Runs the installed {@code natsguard serve ARGS} to its end (output in serve.log) and gives its exit code. */
    private int serve(Path installed, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(installed.resolve("bin/natsguard").toString(), "serve"));
        command.addAll(List.of(args));
        ProcessBuilder serve = new ProcessBuilder(command)
                .directory(tmp.toFile()).redirectErrorStream(true).redirectOutput(tmp.resolve("serve.log").toFile());
        serve.environment().put("NATSGUARD_CACHE_DIR", tmp.resolve("cache").toString());
        Process process = serve.start();
        assertThat(process.waitFor(3, TimeUnit.MINUTES)).isTrue();
        return process.exitValue();
    }

    /** The cache folder holds the webhook's cache and the marker of its trial with the options used (bin/natsguard). */
    private void assertCacheAndItsTrial() throws Exception {
        try (Stream<Path> caches = Files.list(tmp.resolve("cache"))) {
            assertThat(caches.map(p -> p.getFileName().toString()).sorted()).satisfiesExactly(
                    name -> assertThat(name).matches("natsguard-.*webhook-app\\.(aot|jsa)"),
                    name -> assertThat(name).matches("natsguard-.*webhook-app\\.(aot|jsa)\\.\\d+\\.ok"));
        }
    }

    /** Both release archives unpacked as the README's Install section says: one natsguard-VERSION directory. */
    private Path install() throws Exception {
        Path opt = Files.createDirectories(tmp.resolve("opt"));
        unpack(archive(Repository.path("cli/target"), "natsguard-[0-9].*\\.tar\\.gz", "mvn -B package"), opt);
        unpack(archive(Path.of("target"), "natsguard-webhook-.*\\.tar\\.gz", "mvn -B package"), opt);
        List<Path> unpacked;
        try (Stream<Path> dirs = Files.list(opt)) {
            unpacked = dirs.toList();
        }
        assertThat(unpacked).as("both archives unpack into one natsguard-VERSION directory").hasSize(1);
        return unpacked.get(0);
    }

    private static Path archive(Path dir, String pattern, String build) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().matches(pattern)).findFirst()
                    .orElseThrow(() -> new AssertionError("no " + pattern + " under " + dir.toAbsolutePath() + ": run " + build));
        }
    }

    private void unpack(Path archive, Path into) throws Exception {
        Process tar = new ProcessBuilder(List.of("tar", "-xzf", archive.toAbsolutePath().toString(), "-C", into.toString()))
                .redirectErrorStream(true).start();
        assertThat(tar.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(tar.exitValue()).as(new String(tar.getInputStream().readAllBytes())).isZero();
    }

    /** Ready within a minute (a cold JVM on a busy 2-core CI machine), unless the server dies first. */
    private void awaitReady(HttpClient client, String base, Process server) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        HttpRequest ready = HttpRequest.newBuilder(URI.create(base + "/q/health/ready")).timeout(Duration.ofSeconds(5)).build();
        while (true) {
            assertThat(server.isAlive()).as("natsguard serve exited: %s", log()).isTrue();
            try {
                if (client.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYetListening) {
                // keep polling until the deadline
            }
            assertThat(System.nanoTime()).as("natsguard serve not ready within a minute: %s", log()).isLessThan(deadline);
            Thread.sleep(250);
        }
    }

    private String log() throws IOException {
        return Files.readString(tmp.resolve("serve.log"));
    }

    /** Stops the server by its PID (bin/natsguard execs java, so that is the JVM) and anything it started. */
    private static void stop(Process server) throws InterruptedException {
        server.descendants().forEach(ProcessHandle::destroy);
        server.destroy();
        if (!server.waitFor(20, TimeUnit.SECONDS)) {
            server.destroyForcibly().waitFor();
        }
    }
}
