package io.natsguard.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** What a handshake sees of the key manager while the certificate changes under it. */
class RotatingKeyManagerTest {

    private static final Vertx VERTX = Vertx.vertx();

    @AfterAll
    static void closeVertx() {
        VERTX.close();
    }

    @Test
    void aHandshakeUnderWayKeepsThePairItChoseAcrossOneSwap() throws Exception {
        RotatingKeyManager keys = new RotatingKeyManager(pair("tls"));
        String chosen = keys.chooseEngineServerAlias("EC", null, null);
        keys.serve(pair("rotated"));
        assertThat(subject(keys.getCertificateChain(chosen))).isEqualTo("CN=localhost");
        assertThat(keys.getPrivateKey(chosen)).isEqualTo(pair("tls").keys().getPrivateKey(pair("tls").alias()));
        String next = keys.chooseEngineServerAlias("EC", null, null);
        assertThat(next).isNotEqualTo(chosen);
        assertThat(subject(keys.getCertificateChain(next))).isEqualTo("CN=localhost-rotated");
        keys.serve(pair("tls"));
        assertThat(keys.getCertificateChain(chosen)).isNull();
        assertThat(keys.getPrivateKey(chosen)).isNull();
    }

    @Test
    void aKeyTypeTheCertificateIsNotOfGetsNoAlias() throws Exception {
        RotatingKeyManager keys = new RotatingKeyManager(pair("tls"));
        assertThat(keys.chooseEngineServerAlias("RSA", null, null)).isNull();
        assertThat(keys.getServerAliases("RSA", null)).isNull();
        keys.serve(pair("rsa"));
        assertThat(keys.chooseEngineServerAlias("RSA", null, null)).isNotNull();
        assertThat(keys.getServerAliases("EC", null)).isNull();
    }

    private static ServingCertificate pair(String name) throws Exception {
        Path dir = RotatingCertificates.RESOURCES;
        return ServingCertificate.decode(PemFiles.read(dir.resolve(name + ".crt"), dir.resolve(name + ".key")), VERTX);
    }

    private static String subject(X509Certificate[] chain) {
        return chain[0].getSubjectX500Principal().getName();
    }
}
