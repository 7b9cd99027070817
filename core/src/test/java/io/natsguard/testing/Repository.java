package io.natsguard.testing;

import java.nio.file.Path;

/**
 * The repository's root, where bin/natsguard, docs/, examples/, policies/ and webhook-manifests/
 * are: -Dnatsguard.home (the build sets it), or the folder above the module the tests run in.
 */
public final class Repository {

    private static final Path ROOT = Path.of(System.getProperty("natsguard.home", "..")).toAbsolutePath().normalize();

    private Repository() {
    }

    public static Path root() {
        return ROOT;
    }

    /** A file or folder of the repository, e.g. {@code path("docs/rules.md")}. */
    public static Path path(String relative) {
        return ROOT.resolve(relative);
    }
}
