package io.natsguard.limit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The folders natsguard may read files from, beyond those it was named: what a scanned file
 * refers to (a NATS include, an Argo CD value file, a Kustomize base) is read only inside them.
 * A pull request can write {@code include ../../../proc/self/environ}; the runner's secrets must
 * not reach a public log through it. The webhook reads nothing: {@link #NOTHING}.
 */
public final class ReadScope {

    /** No file at all: the webhook judges the object under review and what the API server returns. */
    public static final ReadScope NOTHING = new ReadScope(List.of());

    private final List<Path> roots;

    private ReadScope(List<Path> roots) {
        this.roots = roots;
    }

    /** Exactly these folders. */
    public static ReadScope of(List<Path> folders) {
        Set<Path> normalized = new LinkedHashSet<>();
        folders.forEach(folder -> normalized.add(folder.toAbsolutePath().normalize()));
        return new ReadScope(List.copyOf(normalized));
    }

    /**
     * The scope of a lint run over these paths: for each, the git work tree that holds it (a
     * repository's files refer to each other across folders), else the working directory when it
     * holds the path (pre-commit and editors run from the top of the project, and name files below
     * it), else the folder itself (a file's folder for a file). Standard input ({@code -}) adds none.
     */
    public static ReadScope around(List<String> paths) {
        return around(paths, Path.of(""));
    }

    /** {@link #around(List)} as seen from {@code workingDirectory}. */
    public static ReadScope around(List<String> paths, Path workingDirectory) {
        Path cwd = workingDirectory.toAbsolutePath().normalize();
        List<Path> folders = new ArrayList<>();
        for (String arg : paths) {
            if (arg.equals("-")) {
                continue;
            }
            Path path = cwd.resolve(arg).normalize();
            Path folder = Files.isDirectory(path) ? path : path.getParent();
            if (folder != null) {
                // never the file system's root: that would be every file
                boolean belowCwd = cwd.getParent() != null && folder.startsWith(cwd);
                folders.add(workTree(folder).orElse(belowCwd ? cwd : folder));
            }
        }
        return of(folders);
    }

    private static Optional<Path> workTree(Path folder) {
        for (Path dir = folder; dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve(".git"))) {
                return Optional.of(dir);
            }
        }
        return Optional.empty();
    }

    public List<Path> roots() {
        return roots;
    }

    /**
     * Why the file may not be read, or empty when it may: it lies in none of the folders, as
     * written or once its links are followed. Decided before the file is touched.
     */
    public Optional<String> refusal(Path file) {
        Path target = file.toAbsolutePath().normalize();
        if (roots.isEmpty()) {
            return Optional.of("natsguard reads no file here");
        }
        for (Path root : roots) {
            if (target.startsWith(root)) {
                return linksOut(target, root) ? Optional.of("a link out of " + root) : Optional.empty();
            }
        }
        return Optional.of("outside the scanned folders (" + String.join(", ", roots.stream().map(Path::toString).toList()) + ")");
    }

    private static boolean linksOut(Path target, Path root) {
        try {
            return Files.exists(target) && !target.toRealPath().startsWith(root.toRealPath());
        } catch (IOException e) {
            return true;
        }
    }
}
