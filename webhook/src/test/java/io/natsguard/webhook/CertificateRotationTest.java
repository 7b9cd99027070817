package io.natsguard.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The certificate files rewritten on disk under a running server (re-read every 200 ms here), with
 * requests over real HTTPS, each on a new connection and so a new handshake, as the API server's are
 * after a rotation.
 */
@QuarkusTest
@QuarkusTestResource(RotatingCertificates.class)
class CertificateRotationTest {

    private static final Path LOG = Path.of("target/webhook-test.log");
    private static final Duration PATIENCE = Duration.ofSeconds(15);

    @AfterEach
    void serveTheTestPairAgain() throws Exception {
        RotatingCertificates.install("tls");
        awaitServed("CN=localhost");
    }

    @Test
    void requestsKeepSucceedingThroughTwentyReloads() throws Exception {
        int mark = logLines().size();
        AtomicBoolean rotating = new AtomicBoolean(true);
        AtomicInteger answered = new AtomicInteger();
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        ExecutorService clients = Executors.newFixedThreadPool(2);
        for (int i = 0; i < 2; i++) {
            clients.execute(() -> {
                while (rotating.get()) {
                    try {
                        fetchOnANewConnection();
                        answered.incrementAndGet();
                    } catch (Exception e) {
                        failures.add(e);
                    }
                }
            });
        }
        try {
            for (int reload = 0; reload < 20; reload++) {
                String next = reload % 2 == 0 ? "rotated" : "tls";
                RotatingCertificates.install(next);
                awaitServed(next.equals("tls") ? "CN=localhost" : "CN=localhost-rotated");
            }
        } finally {
            rotating.set(false);
            clients.shutdown();
            assertThat(clients.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(failures).isEmpty();
        assertThat(answered.get()).isGreaterThan(20);
        // the line is written just after the swap a handshake may already see
        eventually(() -> assertThat(logLines().subList(mark, logLines().size()))
                .filteredOn(line -> line.contains("serving the new TLS certificate")).hasSize(20));
        assertThat(logLines().subList(mark, logLines().size())).noneMatch(line -> line.contains("Exception") || line.contains("TLS configuration"));
    }

    @Test
    void nothingIsLoggedWhileTheFilesStayTheSame() throws Exception {
        int mark = logLines().size();
        RotatingCertificates.install("tls"); // the same bytes, in new files
        Thread.sleep(1500); // some seven checks
        assertThat(logLines().subList(mark, logLines().size())).noneMatch(line -> line.contains("TLS"));
    }

    @Test
    void aCertificateBesideAKeyNotItsOwnIsNotServedAndSaidOnce() throws Exception {
        int mark = logLines().size();
        RotatingCertificates.install("rotated", "tls");
        Path served = RotatingCertificates.DIR.resolve("tls.crt");
        String refusal = "TLS key " + RotatingCertificates.DIR.resolve("tls.key") + " does not belong to certificate " + served;
        eventually(() -> assertThat(logLines().subList(mark, logLines().size())).anyMatch(line -> line.contains(refusal)));
        Thread.sleep(1000); // some five more checks of the same files
        assertThat(fetchOnANewConnection()).isEqualTo("CN=localhost");
        assertThat(logLines().subList(mark, logLines().size())).filteredOn(line -> line.contains("TLS")).singleElement()
                .satisfies(line -> assertThat(line).contains("WARN", refusal, "still serving the previous certificate (CN=localhost,"));
        RotatingCertificates.install("rotated");
        awaitServed("CN=localhost-rotated");
    }

    private static void awaitServed(String subject) throws Exception {
        eventually(() -> assertThat(fetchOnANewConnection()).isEqualTo(subject));
    }

    /**
     * GET /q/health/live on a connection of its own ({@code Connection: close}) and a TLS context of
     * its own, so that no session is resumed and the handshake is a full one: the subject of the
     * certificate served, once the answer is 200.
     */
    private static String fetchOnANewConnection() throws Exception {
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, TRUSTING_BOTH, null);
        try (SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket("localhost", Https.port())) {
            socket.setSoTimeout(10_000);
            socket.startHandshake();
            OutputStream out = socket.getOutputStream();
            out.write("GET /q/health/live HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String status = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII)).readLine();
            assertThat(status).isEqualTo("HTTP/1.1 200 OK");
            return ((X509Certificate) socket.getSession().getPeerCertificates()[0]).getSubjectX500Principal().getName();
        }
    }

    private static final TrustManager[] TRUSTING_BOTH = trusting("tls", "rotated");

    private static TrustManager[] trusting(String... names) {
        try {
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            for (String name : names) {
                try (InputStream in = Files.newInputStream(RotatingCertificates.RESOURCES.resolve(name + ".crt"))) {
                    trust.setCertificateEntry(name, CertificateFactory.getInstance("X.509").generateCertificate(in));
                }
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            return tmf.getTrustManagers();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> logLines() throws Exception {
        return Files.readAllLines(LOG);
    }

    private interface Check {
        void run() throws Exception;
    }

    private static void eventually(Check check) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (true) {
            try {
                check.run();
                return;
            } catch (Exception | AssertionError e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(50);
            }
        }
    }
}
