package io.natsguard.webhook;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.PemKeyCertOptions;
import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * A certificate chain and its private key, proven to belong together, in the key manager Vert.x
 * makes of PEM files ({@code keys}, holding the one entry {@code alias}).
 */
record ServingCertificate(X509Certificate certificate, X509ExtendedKeyManager keys, String alias) {

    /**
     * Decodes the PEM files and checks that the key is the certificate's: a non-atomic writer can
     * leave a new certificate beside the old key, and every handshake with such a pair fails.
     */
    static ServingCertificate decode(PemFiles files, Vertx vertx) throws UnusableCertificate {
        X509Certificate certificate = firstCertificate(files);
        X509ExtendedKeyManager keys = keyManager(files, vertx);
        // Vert.x's key manager offers its entry for the key type of the entry's certificate
        String alias = keys.chooseServerAlias(certificate.getPublicKey().getAlgorithm(), null, null);
        PrivateKey key = alias == null ? null : keys.getPrivateKey(alias);
        if (key == null || !belongTogether(certificate, key)) {
            throw new UnusableCertificate("TLS key " + files.keyFile() + " does not belong to certificate " + files.certFile()
                    + " (" + describe(certificate) + "): the key's public key is not the certificate's");
        }
        return new ServingCertificate(certificate, keys, alias);
    }

    /** Subject and expiry, for the log. */
    String describe() {
        return describe(certificate);
    }

    private static String describe(X509Certificate certificate) {
        return certificate.getSubjectX500Principal().getName() + ", valid until " + certificate.getNotAfter().toInstant();
    }

    private static X509Certificate firstCertificate(PemFiles files) throws UnusableCertificate {
        try {
            return CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(files.cert())).stream()
                    .map(X509Certificate.class::cast).findFirst()
                    .orElseThrow(() -> new UnusableCertificate("TLS certificate " + files.certFile() + " holds no PEM certificate"));
        } catch (CertificateException e) {
            throw new UnusableCertificate("TLS certificate " + files.certFile() + " is no PEM certificate chain: " + e.getMessage());
        }
    }

    /** Read as the server reads PEM files: a PKCS#8, PKCS#1 (RSA) or SEC 1 (EC) key. The certificate was read above. */
    private static X509ExtendedKeyManager keyManager(PemFiles files, Vertx vertx) throws UnusableCertificate {
        try {
            return (X509ExtendedKeyManager) new PemKeyCertOptions().setCertValue(Buffer.buffer(files.cert()))
                    .setKeyValue(Buffer.buffer(files.key())).getKeyManagerFactory(vertx).getKeyManagers()[0];
        } catch (Exception e) {
            throw new UnusableCertificate("TLS key " + files.keyFile() + " cannot be used with certificate " + files.certFile() + ": "
                    + e.getMessage());
        }
    }

    /** The key signs a random text that the certificate's public key verifies: then the two public keys are one. */
    private static boolean belongTogether(X509Certificate certificate, PrivateKey key) {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            default -> key.getAlgorithm();
        };
        try {
            byte[] text = new byte[32];
            new SecureRandom().nextBytes(text);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(text);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(text);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false; // a key of another algorithm than the certificate's
        }
    }
}
