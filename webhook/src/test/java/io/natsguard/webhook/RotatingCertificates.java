package io.natsguard.webhook;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

/** Serves the test certificate from files the tests may replace, re-read every 200 ms. */
public class RotatingCertificates implements QuarkusTestResourceLifecycleManager {

    static final Path DIR = Path.of("target/test-tls");
    static final Path RESOURCES = Path.of("src/test/resources/tls");

    @Override
    public Map<String, String> start() {
        install("tls");
        return Map.of("natsguard.tls.cert", DIR.resolve("tls.crt").toString(),
                "natsguard.tls.key", DIR.resolve("tls.key").toString(),
                "natsguard.tls.reload-period", "200ms");
    }

    /** Puts the pair {@code name}.crt/.key in place, the way a mounted Secret changes: a new file moved over the old. */
    static void install(String name) {
        install(name, name);
    }

    /**
     * Moves {@code cert}.crt into place, then {@code key}.key: a writer that replaces one file after
     * the other, so that for a moment (or for good, when the two names differ) the pair does not match.
     */
    static void install(String cert, String key) {
        replace(cert + ".crt", "tls.crt");
        replace(key + ".key", "tls.key");
    }

    private static void replace(String resource, String file) {
        try {
            Files.createDirectories(DIR);
            Path tmp = DIR.resolve("next-" + file);
            Files.copy(RESOURCES.resolve(resource), tmp, StandardCopyOption.REPLACE_EXISTING);
            Files.move(tmp, DIR.resolve(file), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
    }
}
