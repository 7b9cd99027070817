package io.natsguard.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.natsguard.webhook.CertificateReloader.Outcome;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reloader on real files: which pairs it swaps in, which it refuses, and when it has something to say. */
class CertificateReloaderTest {

    private static final Vertx VERTX = Vertx.vertx();

    @TempDir
    Path dir;
    private Path cert;
    private Path key;

    @BeforeEach
    void serveTheTestPair() throws Exception {
        cert = dir.resolve("tls.crt");
        key = dir.resolve("tls.key");
        put("tls.crt", cert);
        put("tls.key", key);
    }

    @AfterAll
    static void closeVertx() {
        VERTX.close();
    }

    @Test
    void filesThatStayTheSameAreNoChangeEvenWhenRewritten() throws Exception {
        CertificateReloader reloader = CertificateReloader.start(cert, key, VERTX);
        assertThat(reloader.check()).isEqualTo(Outcome.UNCHANGED);
        put("tls.crt", cert);
        put("tls.key", key);
        assertThat(reloader.check()).isEqualTo(Outcome.UNCHANGED);
        assertThat(servedSubject(reloader)).isEqualTo("CN=localhost");
    }

    @Test
    void aWholeNewPairIsSwappedIn() throws Exception {
        CertificateReloader reloader = CertificateReloader.start(cert, key, VERTX);
        put("rotated.crt", cert);
        put("rotated.key", key);
        assertThat(reloader.check()).isEqualTo(Outcome.SWAPPED);
        assertThat(servedSubject(reloader)).isEqualTo("CN=localhost-rotated");
        assertThat(reloader.check()).isEqualTo(Outcome.UNCHANGED);
    }

    @Test
    void aCertificateBesideTheOldKeyIsRefusedOnceUntilItsKeyComes() throws Exception {
        CertificateReloader reloader = CertificateReloader.start(cert, key, VERTX);
        put("rotated.crt", cert);
        assertThat(reloader.check()).isEqualTo(Outcome.REFUSED);
        assertThat(reloader.check()).isEqualTo(Outcome.UNCHANGED);
        assertThat(servedSubject(reloader)).isEqualTo("CN=localhost");
        put("rotated.key", key);
        assertThat(reloader.check()).isEqualTo(Outcome.SWAPPED);
        assertThat(servedSubject(reloader)).isEqualTo("CN=localhost-rotated");
    }

    @Test
    void eachBadPairIsRefusedOnce() throws Exception {
        CertificateReloader reloader = CertificateReloader.start(cert, key, VERTX);
        put("rotated.crt", cert);
        assertThat(reloader.check()).isEqualTo(Outcome.REFUSED);
        put("rsa.key", key);
        assertThat(reloader.check()).isEqualTo(Outcome.REFUSED);
        assertThat(reloader.check()).isEqualTo(Outcome.UNCHANGED);
        // back to the pair being served, then the first bad pair again: a new occurrence, said again
        put("tls.crt", cert);
        put("tls.key", key);
        assertThat(reloader.check()).isEqualTo(Outcome.UNCHANGED);
        put("rotated.crt", cert);
        assertThat(reloader.check()).isEqualTo(Outcome.REFUSED);
        assertThat(servedSubject(reloader)).isEqualTo("CN=localhost");
    }

    @Test
    void aMissingKeyIsRefusedOnceAndTheOldPairServed() throws Exception {
        CertificateReloader reloader = CertificateReloader.start(cert, key, VERTX);
        Files.delete(key);
        assertThat(reloader.check()).isEqualTo(Outcome.REFUSED);
        assertThat(reloader.check()).isEqualTo(Outcome.UNCHANGED);
        assertThat(servedSubject(reloader)).isEqualTo("CN=localhost");
        put("tls.key", key);
        assertThat(reloader.check()).isEqualTo(Outcome.UNCHANGED);
    }

    @Test
    void anRsaPkcs1KeyAsCertManagerWritesItIsServed() throws Exception {
        CertificateReloader reloader = CertificateReloader.start(cert, key, VERTX);
        put("rsa.crt", cert);
        put("rsa.key", key);
        assertThat(reloader.check()).isEqualTo(Outcome.SWAPPED);
        assertThat(servedSubject(reloader)).isEqualTo("CN=localhost-rsa");
    }

    @Test
    void thePairToStartWithMustMatch() throws Exception {
        put("rotated.crt", cert);
        assertThat(refusalAtStart()).isEqualTo("TLS key " + key + " does not belong to certificate " + cert
                + " (CN=localhost-rotated, valid until 2036-11-22T14:16:36Z): the key's public key is not the certificate's");
    }

    @Test
    void aKeyOfAnotherAlgorithmDoesNotBelong() throws Exception {
        put("rsa.key", key);
        assertThat(refusalAtStart()).startsWith("TLS key " + key + " cannot be used with certificate " + cert
                + ": private key algorithm does not match algorithm of public key");
    }

    @Test
    void filesThatAreNoPemSayWhichFile() throws Exception {
        Files.writeString(key, "-----BEGIN PRIVATE KEY-----\nMIG\n");
        assertThat(refusalAtStart()).startsWith("TLS key " + key + " cannot be used with certificate " + cert + ": ");
        Files.writeString(cert, "not a certificate\n");
        assertThat(refusalAtStart()).startsWith("TLS certificate " + cert + " is no PEM certificate chain: ");
        Files.delete(cert);
        assertThat(refusalAtStart()).startsWith("cannot read TLS certificate " + cert + " and key " + key + ": java.nio.file.NoSuchFileException");
    }

    private String refusalAtStart() {
        return catchThrowableOfType(UnusableCertificate.class, () -> CertificateReloader.start(cert, key, VERTX)).getMessage();
    }

    private static String servedSubject(CertificateReloader reloader) {
        RotatingKeyManager keys = reloader.keys();
        String alias = keys.chooseEngineServerAlias(keys.serving().certificate().getPublicKey().getAlgorithm(), null, null);
        return keys.getCertificateChain(alias)[0].getSubjectX500Principal().getName();
    }

    private static void put(String resource, Path file) throws Exception {
        Files.copy(RotatingCertificates.RESOURCES.resolve(resource), file, StandardCopyOption.REPLACE_EXISTING);
    }
}
