package io.natsguard.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The real programs the tests talk to, found by release: Debian's nats-server 2.9.10 (installed by
 * {@code .ci/run}) and the pinned releases {@code .ci/peers} builds with Go into a
 * cache folder outside the repository ({@code $NATSGUARD_PEERS}, by default
 * {@code ~/.cache/natsguard/peers}). A missing one fails the test with the command that builds it:
 * a suite that skipped its oracle would pass without having checked anything.
 */
public final class Peers {

    /** Debian's package, the oldest release users still run. */
    public static final String DEBIAN = "v2.9.10";
    /** The newest patch release of each line; keep in step with {@code .ci/peers}. */
    public static final List<String> RELEASES = List.of("v2.10.27", "v2.11.17", "v2.12.15", "v2.14.10");
    /** The release the parser follows and the Go differential program pins. */
    public static final String NEWEST = RELEASES.get(RELEASES.size() - 1);
    /** Every release a test can run, oldest first. */
    public static final List<String> ALL = Stream.concat(Stream.of(DEBIAN), RELEASES.stream()).toList();
    public static final String NATSCLI = "v0.5.0";
    /**
     * The Kubernetes release of kube-apiserver and kubectl, and the etcd release it requires: what
     * webhook/src/test/go/controlplane/go.mod pins ({@link ControlPlane} runs them).
     */
    public static final String KUBERNETES = "v1.36.3";
    public static final String ETCD = "v3.6.8";

    private Peers() {
    }

    /** The folder {@code .ci/peers} builds into. */
    public static Path dir() {
        String configured = System.getenv("NATSGUARD_PEERS");
        return configured != null && !configured.isBlank() ? Path.of(configured)
                : Path.of(System.getProperty("user.home"), ".cache", "natsguard", "peers");
    }

    /** The nats-server binary of this release ({@link #DEBIAN} or one of {@link #RELEASES}). */
    public static Path natsServer(String release) {
        if (release.equals(DEBIAN)) {
            Path debian = Path.of(NatsServers.executable());
            if (!Files.isExecutable(debian)) {
                throw new AssertionError("Debian's nats-server is not installed: run apt-get install nats-server (.ci/run does)");
            }
            return debian;
        }
        if (!RELEASES.contains(release)) {
            throw new IllegalArgumentException(release + " is not a pinned release: " + ALL);
        }
        return built("nats-server-" + release, "nats-server");
    }

    /** natscli's {@code nats}, at {@link #NATSCLI}. */
    public static Path natscli() {
        return built("natscli-" + NATSCLI, "nats");
    }

    /** kube-apiserver at {@link #KUBERNETES}. */
    public static Path kubeApiserver() {
        return built("kubernetes-" + KUBERNETES, "kube-apiserver");
    }

    /** kubectl at {@link #KUBERNETES}: the API server's own release, so that no version skew is tested by accident. */
    public static Path kubectl() {
        return built("kubernetes-" + KUBERNETES, "kubectl");
    }

    /** etcd at {@link #ETCD}. */
    public static Path etcd() {
        return built("etcd-" + ETCD, "etcd");
    }

    private static Path built(String folder, String name) {
        Path binary = dir().resolve(folder).resolve(name);
        if (!Files.isExecutable(binary)) {
            throw new AssertionError(binary + " is missing: run .ci/peers at the top of the checkout"
                    + " (it builds the pinned nats-server releases, natscli and the Kubernetes control plane with Go; .ci/run calls it)");
        }
        return binary;
    }
}
