package io.natsguard.webhook;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.concurrent.Callable;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.eclipse.microprofile.config.ConfigProvider;

/** HTTPS clients for the test server, each trusting one test certificate only. */
final class Https {

    /**
     * The port the test server listens on: chosen by the kernel ({@code %test.quarkus.http.test-ssl-port=0}),
     * so that two builds on one machine never collide; Quarkus puts the bound port into the config.
     */
    static int port() {
        return ConfigProvider.getConfig().getValue("quarkus.http.test-ssl-port", Integer.class);
    }

    static String base() {
        return "https://localhost:" + port();
    }

    private Https() {
    }

    /** A fresh client (no TLS session reuse) that trusts {@code src/test/resources/tls/<name>.crt}. */
    static HttpClient client(String name) throws Exception {
        return HttpClient.newBuilder().sslContext(context(name)).connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** A TLS context that trusts {@code src/test/resources/tls/<name>.crt} only. */
    static SSLContext context(String name) throws Exception {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(RotatingCertificates.RESOURCES.resolve(name + ".crt"))) {
            trust.setCertificateEntry(name, CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, tmf.getTrustManagers(), null);
        return tls;
    }

    /** A POST of this review to /validate as the API server sends it (with its timeout), given 30 s. */
    static HttpRequest post(byte[] review) {
        return HttpRequest.newBuilder(URI.create(base() + "/validate?timeout=10s")).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(review)).build();
    }

    /** A GET of this path, on a fresh client. */
    static HttpResponse<String> get(String path) throws Exception {
        return client("tls").send(HttpRequest.newBuilder(URI.create(base() + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The value of a sample in /q/metrics, such as {@code natsguard_overloaded_total}; 0 when it is not there yet. */
    static double metric(String sample) throws Exception {
        return get("/q/metrics").body().lines().filter(line -> line.startsWith(sample + " ")).findFirst()
                .map(line -> Double.parseDouble(line.substring(sample.length() + 1))).orElse(0.0);
    }

    /** The call's result once it succeeds, trying for up to 15 s (the server re-reads its certificate every second). */
    static <T> T eventually(Callable<T> call) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (true) {
            try {
                return call.call();
            } catch (Exception e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(250);
            }
        }
    }
}
