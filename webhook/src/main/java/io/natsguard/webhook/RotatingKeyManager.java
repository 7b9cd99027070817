package io.natsguard.webhook;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * The server's one key manager, whose certificate is swapped underneath it. The server's TLS
 * options never change, so Vert.x never rebuilds its SSL context (an update leaves a window in
 * which a new connection finds no context: Vert.x 4.5's {@code TCPServerBase} then fails it with a
 * NullPointerException). A handshake asks for an alias, then for its chain and key: each
 * certificate served gets an alias of its own, and the previous one stays answerable, so that a
 * handshake under way when the certificate changes completes with the pair it chose.
 */
final class RotatingKeyManager extends X509ExtendedKeyManager {

    private record Generation(String alias, ServingCertificate certificate) {
    }

    private record Generations(Generation current, Generation previous) {
    }

    private final AtomicInteger served = new AtomicInteger();
    private volatile Generations generations;

    RotatingKeyManager(ServingCertificate first) {
        generations = new Generations(new Generation(nextAlias(), first), null);
    }

    synchronized void serve(ServingCertificate next) {
        generations = new Generations(new Generation(nextAlias(), next), generations.current());
    }

    ServingCertificate serving() {
        return generations.current().certificate();
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        Generation current = generations.current();
        return current.certificate().keys().chooseEngineServerAlias(keyType, issuers, engine) == null ? null : current.alias();
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        Generation current = generations.current();
        return current.certificate().keys().chooseServerAlias(keyType, issuers, socket) == null ? null : current.alias();
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        Generation current = generations.current();
        return current.certificate().keys().getServerAliases(keyType, issuers) == null ? null : new String[] {current.alias()};
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        ServingCertificate certificate = named(alias);
        return certificate == null ? null : certificate.keys().getCertificateChain(certificate.alias());
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        ServingCertificate certificate = named(alias);
        return certificate == null ? null : certificate.keys().getPrivateKey(certificate.alias());
    }

    /** A server presents no client certificate. */
    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return null;
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
        return null;
    }

    private ServingCertificate named(String alias) {
        Generations now = generations;
        for (Generation generation : new Generation[] {now.current(), now.previous()}) {
            if (generation != null && generation.alias().equals(alias)) {
                return generation.certificate();
            }
        }
        return null;
    }

    private String nextAlias() {
        return "natsguard-" + served.incrementAndGet();
    }
}
