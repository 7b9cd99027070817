package io.natsguard.webhook;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/**
 * natsguard serve's own settings, as Quarkus configuration (application.properties, system
 * properties, or environment variables such as {@code NATSGUARD_LOOKUPS_ENABLED}). A misspelt
 * {@code natsguard.*} setting stops the start. The port is handed to Quarkus in
 * application.properties, which holds its default and the certificate files'.
 */
@ConfigMapping(prefix = "natsguard")
public interface WebhookConfig {

    /** The HTTPS port (8443): quarkus.http.ssl-port. */
    Optional<Integer> port();

    Tls tls();

    /** A policy file; the built-in policy without it. */
    Optional<String> policy();

    Review review();

    Lookups lookups();

    /** Start, judge two bundled reviews, exit: the training run of bin/natsguard serve's start-up cache. */
    @WithDefault("false")
    boolean aotTrain();

    interface Tls {

        /** PEM certificate chain (/etc/natsguard/tls/tls.crt), re-read when it changes. */
        Optional<String> cert();

        /** PEM private key (/etc/natsguard/tls/tls.key). */
        Optional<String> key();

        /** How often the two files are read again; a changed pair is served once it is whole. */
        @WithDefault("30s")
        Duration reloadPeriod();
    }

    /** What a review that could not be judged (past its deadline, or a fault) gets: as failurePolicy Ignore, or as Fail. */
    enum Unchecked {
        /** allowed, with a warning that says why */
        ALLOW,
        /** refused (403), with a message that says why */
        DENY
    }

    interface Review {

        /**
         * At it, the judgement is stopped (its worker interrupted) and the review answered as
         * {@link #unchecked()} says: under the configuration's timeoutSeconds (5).
         */
        @WithDefault("3s")
        Duration deadline();

        /** The answer past the deadline or after a fault: allow (the default, as failurePolicy Ignore) or deny (strict). */
        @WithDefault("allow")
        Unchecked unchecked();

        /** Reviews judged at once; a queue of four times as many waits; beyond it, 503. */
        @WithDefault("8")
        int concurrency();

        /**
         * A worker still busy this long after its review's deadline interrupted it is stuck: the
         * liveness check goes DOWN, so that Kubernetes restarts the pod instead of it serving 503s.
         */
        @WithDefault("10s")
        Duration stuckAfter();

        /**
         * Request bodies of reviews in flight, counted from Content-Length before a body is read (a
         * body without one counts as the largest allowed); past it, 503 with Retry-After. A lone
         * review always gets in, whatever its size.
         */
        @WithDefault("16M")
        MemorySize bodiesInFlight();
    }

    interface Lookups {

        /**
         * Look up the objects related to the one under review (a StatefulSet's ConfigMaps, the
         * StatefulSets that mount a ConfigMap, Services) through the Kubernetes API. Off outside a
         * cluster; the manifests turn it on.
         */
        @WithDefault("false")
        boolean enabled();

        /**
         * Connection and request timeout of each API call ({@link LookupClientConfig}). A review
         * starts no lookup later than its deadline less twice this, and is then checked alone.
         */
        @WithDefault("1s")
        Duration timeout();
    }
}
