package io.natsguard.webhook;

import java.io.InputStream;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.concurrent.Callable;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** HTTPS clients for the test server, each trusting one test certificate only. */
final class Https {

    static final String BASE = "https://localhost:8444";

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
