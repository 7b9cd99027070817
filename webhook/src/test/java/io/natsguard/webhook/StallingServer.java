package io.natsguard.webhook;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * A webhook that never answers: HTTPS on 127.0.0.1 with a test certificate, which completes the
 * TLS handshake of every connection and then reads nothing and writes nothing, so that a caller
 * waits for its own timeout. Closing it closes every connection it holds.
 */
final class StallingServer implements AutoCloseable {

    private final SSLServerSocket listener;
    private final List<Socket> held = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    /** Listens with {@code <tls>/tls.crt} and its EC key {@code tls.key} (PKCS#8 PEM). */
    StallingServer(Path tls) throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers(tls), null, null);
        listener = (SSLServerSocket) context.getServerSocketFactory().createServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = new Thread(this::hold, "stalling-webhook");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return listener.getLocalPort();
    }

    private void hold() {
        while (!listener.isClosed()) {
            try {
                SSLSocket connection = (SSLSocket) listener.accept();
                held.add(connection);
                connection.startHandshake(); // the caller then sends its request, which nothing reads
            } catch (IOException closedOrHandshakeFailed) {
                // closed: the loop ends; a failed handshake is the caller's problem, not the test's
            }
        }
    }

    private static KeyManager[] keyManagers(Path tls) throws Exception {
        Certificate certificate;
        try (var in = Files.newInputStream(tls.resolve("tls.crt"))) {
            certificate = CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        String pem = Files.readString(tls.resolve("tls.key")).replaceAll("-----[A-Z ]+-----|\\s", "");
        PrivateKey key = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        char[] password = "in-memory".toCharArray(); // the store never leaves this method
        store.setKeyEntry("tls", key, password, new Certificate[] {certificate});
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(store, password);
        return factory.getKeyManagers();
    }

    @Override
    public void close() throws Exception {
        listener.close();
        for (Socket connection : held) {
            connection.close();
        }
        acceptor.join(5_000);
    }
}
