package io.natsguard.webhook;

import io.quarkus.runtime.configuration.ConfigurationException;
import io.quarkus.tls.runtime.KeyStoreAndKeyCertOptions;
import io.quarkus.tls.runtime.KeyStoreProvider;
import io.vertx.core.Vertx;
import io.vertx.core.net.KeyCertOptions;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The HTTPS server's key store in the TLS registry: the certificate and key files of
 * {@code natsguard.tls.cert} and {@code natsguard.tls.key}, checked every
 * {@code natsguard.tls.reload-period}. Quarkus's own reloading ({@code quarkus.tls.reload-period})
 * is not used: it takes whatever pair the files hold, reports an update every period whether or
 * not anything changed, and updates the server's TLS options, each time opening the window in which
 * Vert.x drops new connections (see {@link RotatingKeyManager}).
 */
@Singleton
class ServingKeyStore implements KeyStoreProvider {

    private static final Logger LOG = Logger.getLogger(ServingKeyStore.class);

    private final WebhookConfig config;
    private KeyStoreAndKeyCertOptions options;
    private ScheduledExecutorService reloads;

    ServingKeyStore(WebhookConfig config) {
        this.config = config;
    }

    /**
     * Asked once, as the server starts; a pair that cannot be served stops the start with what is
     * wrong (a ConfigurationException: Quarkus prints its message alone, no stack trace).
     */
    @Override
    public synchronized KeyStoreAndKeyCertOptions getKeyStore(Vertx vertx) {
        if (options == null) {
            CertificateReloader reloader;
            try {
                reloader = CertificateReloader.start(Path.of(config.tls().cert().orElseThrow()),
                        Path.of(config.tls().key().orElseThrow()), vertx);
            } catch (UnusableCertificate e) {
                throw new ConfigurationException("natsguard serve: " + e.getMessage());
            }
            long period = config.tls().reloadPeriod().toMillis();
            reloads = Executors.newSingleThreadScheduledExecutor(task -> {
                Thread thread = new Thread(task, "natsguard-tls-reload");
                thread.setDaemon(true);
                return thread;
            });
            reloads.scheduleWithFixedDelay(() -> check(reloader), period, period, TimeUnit.MILLISECONDS);
            // no key store: the key manager is the whole of it, and the registry has nothing to reload
            options = new KeyStoreAndKeyCertOptions(null, KeyCertOptions.wrap(reloader.keys()));
        }
        return options;
    }

    @PreDestroy
    synchronized void stop() {
        if (reloads != null) {
            reloads.shutdownNow();
        }
    }

    /** A fault in one check must not end the checks that follow (the executor would cancel them). */
    private static void check(CertificateReloader reloader) {
        try {
            reloader.check();
        } catch (RuntimeException e) {
            LOG.errorf("checking the TLS certificate failed: %s", e);
        }
    }
}
