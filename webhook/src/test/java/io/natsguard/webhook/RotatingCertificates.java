package io.natsguard.webhook;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

/** Serves the test certificate from files the tests may replace, re-read every second. */
public class RotatingCertificates implements QuarkusTestResourceLifecycleManager {

    static final Path DIR = Path.of("target/test-tls");
    static final Path RESOURCES = Path.of("src/test/resources/tls");

    @Override
    public Map<String, String> start() {
        install("tls");
        return Map.of("natsguard.tls.cert", DIR.resolve("tls.crt").toString(),
                "natsguard.tls.key", DIR.resolve("tls.key").toString(),
                "quarkus.tls.reload-period", "1s");
    }

    /** Puts the pair {@code name}.crt/.key in place, the way a mounted Secret changes: a new file moved over the old. */
    static void install(String name) {
        try {
            Files.createDirectories(DIR);
            for (String ext : new String[] {"crt", "key"}) {
                Path tmp = DIR.resolve("next." + ext);
                Files.copy(RESOURCES.resolve(name + "." + ext), tmp, StandardCopyOption.REPLACE_EXISTING);
                Files.move(tmp, DIR.resolve("tls." + ext), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
    }
}
