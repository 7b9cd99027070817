package io.natsguard.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The real programs the tests talk to, found by release: Debian's nats-server 2.9.10 (installed by
 * {@code .ci/run}) and the pinned releases {@code .ci/peers} builds with {@code go install} into a
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

    private static Path built(String folder, String name) {
        Path binary = dir().resolve(folder).resolve(name);
        if (!Files.isExecutable(binary)) {
            throw new AssertionError(binary + " is missing: run .ci/peers at the top of the checkout"
                    + " (it builds the pinned nats-server releases and natscli with go install; .ci/run calls it)");
        }
        return binary;
    }
}
