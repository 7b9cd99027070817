package io.natsguard.webhook;

import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Path;
import org.jboss.logging.Logger;

/**
 * Re-reads the certificate and key files and swaps in a new pair only once it is whole: while the
 * files hold a pair that cannot be served (one file written well before the other, a half-written
 * file), the previous pair stays, and one warning says why, once for each such state of the files.
 * Nothing is logged while the files stay as they are.
 */
final class CertificateReloader {

    enum Outcome { UNCHANGED, SWAPPED, REFUSED }

    private static final Logger LOG = Logger.getLogger(CertificateReloader.class);

    private final Path certFile;
    private final Path keyFile;
    private final Vertx vertx;
    private final RotatingKeyManager keys;
    private PemFiles served;
    /** The files as last refused, or why they could not be read: each is warned about once. */
    private PemFiles refused;
    private String unreadable;

    private CertificateReloader(Path certFile, Path keyFile, Vertx vertx, PemFiles served, RotatingKeyManager keys) {
        this.certFile = certFile;
        this.keyFile = keyFile;
        this.vertx = vertx;
        this.served = served;
        this.keys = keys;
    }

    /** The first pair must be usable: without it there is nothing to serve. */
    static CertificateReloader start(Path certFile, Path keyFile, Vertx vertx) throws UnusableCertificate {
        PemFiles files;
        try {
            files = PemFiles.read(certFile, keyFile);
        } catch (IOException e) {
            throw new UnusableCertificate(cannotRead(certFile, keyFile, e));
        }
        RotatingKeyManager keys = new RotatingKeyManager(ServingCertificate.decode(files, vertx));
        LOG.infof("serving TLS certificate %s (%s)", certFile, keys.serving().describe());
        return new CertificateReloader(certFile, keyFile, vertx, files, keys);
    }

    RotatingKeyManager keys() {
        return keys;
    }

    synchronized Outcome check() {
        PemFiles files;
        try {
            files = PemFiles.read(certFile, keyFile);
        } catch (IOException e) {
            String why = cannotRead(certFile, keyFile, e);
            if (why.equals(unreadable)) {
                return Outcome.UNCHANGED;
            }
            unreadable = why;
            return refuse(why);
        }
        unreadable = null;
        if (files.sameContent(served)) {
            refused = null;
            return Outcome.UNCHANGED;
        }
        if (files.sameContent(refused)) {
            return Outcome.UNCHANGED;
        }
        try {
            keys.serve(ServingCertificate.decode(files, vertx));
        } catch (UnusableCertificate e) {
            refused = files;
            return refuse(e.getMessage());
        }
        served = files;
        refused = null;
        LOG.infof("serving the new TLS certificate %s (%s)", certFile, keys.serving().describe());
        return Outcome.SWAPPED;
    }

    private Outcome refuse(String why) {
        LOG.warnf("%s; still serving the previous certificate (%s)", why, keys.serving().describe());
        return Outcome.REFUSED;
    }

    private static String cannotRead(Path certFile, Path keyFile, IOException e) {
        return "cannot read TLS certificate " + certFile + " and key " + keyFile + ": " + e;
    }
}
