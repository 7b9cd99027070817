package io.natsguard.webhook;

import io.natsguard.tls.PemTrust;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.http.HttpServer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.List;

/**
 * {@code natsguard.aot-train=true}: a whole start (TLS, HTTP server, policy), then the server's own
 * readiness check and two bundled reviews over HTTPS, as the API server sends them, then exit; so
 * that the JVM that runs it writes an AOT cache (JDK 25) or a CDS archive (JDK 17) holding what a
 * real start and a first answer load (the TLS handshake alone loads some 700 JDK classes).
 * {@code bin/natsguard serve} runs it once per JDK and application, on a random loopback port with a
 * throw-away certificate for 127.0.0.1, which the training client trusts, and nothing else.
 */
@ApplicationScoped
class AotTraining {

    private static final List<String> REVIEWS = List.of("aot-train/configmap-review.json", "aot-train/statefulset-review.json");

    void onStart(@Observes StartupEvent started, WebhookConfig config, HttpServer server) {
        if (config.aotTrain()) {
            // The HTTPS server binds after start-up observers run: train once it has its port.
            new Thread(() -> train(config, server), "natsguard-aot-train").start();
        }
    }

    private static void train(WebhookConfig config, HttpServer server) {
        try {
            long giveUp = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
            while (server.getSecurePort() <= 0 && System.nanoTime() < giveUp) {
                Thread.sleep(10);
            }
            String base = "https://127.0.0.1:" + server.getSecurePort(); // the random port bound for port 0
            HttpClient client = HttpClient.newBuilder().sslContext(PemTrust.trusting(Path.of(config.tls().cert().orElseThrow()))).build();
            for (int round = 0; round < 3; round++) {
                client.send(HttpRequest.newBuilder(URI.create(base + "/q/health/ready")).build(), HttpResponse.BodyHandlers.discarding());
                for (String review : REVIEWS) {
                    HttpResponse<Void> answer = client.send(HttpRequest.newBuilder(URI.create(base + "/validate"))
                            .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(bundled(review))).build(),
                            HttpResponse.BodyHandlers.discarding());
                    if (answer.statusCode() != 200) {
                        throw new IllegalStateException("training review " + review + " got HTTP " + answer.statusCode());
                    }
                }
            }
            Quarkus.asyncExit(0);
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            Log.errorf("AOT training failed: %s", e.toString());
            Quarkus.asyncExit(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            Quarkus.asyncExit(1);
        }
    }

    private static byte[] bundled(String resource) throws IOException {
        try (InputStream in = AotTraining.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the application");
            }
            return in.readAllBytes();
        }
    }
}
