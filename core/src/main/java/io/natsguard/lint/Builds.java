package io.natsguard.lint;

import io.natsguard.source.Kustomize;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Kustomize builds of a run, each made once: every kustomization folder of the scanned folders,
 * and the nearest kustomization above each named manifest, kept when it reads that file. A
 * kustomization that another build of the run uses (a base of overlays) is not linted on its own:
 * it is judged through each overlay's build, which is what deploys.
 */
final class Builds {

    /** Builds one kustomization folder. */
    interface Builder {
        Kustomize.Build build(Path dir) throws InputException;
    }

    private final List<Kustomize.Build> linted;
    private final Set<Path> namedRead;
    private final Map<String, List<String>> namedFilesOf;

    private Builds(List<Kustomize.Build> linted, Set<Path> namedRead, Map<String, List<String>> namedFilesOf) {
        this.linted = linted;
        this.namedRead = namedRead;
        this.namedFilesOf = namedFilesOf;
    }

    /**
     * @param scanned the kustomization folders found in the scanned folders
     * @param named   the nearest kustomization folder of named manifests, with those files
     */
    static Builds of(List<Path> scanned, Map<Path, List<Path>> named, Builder builder) throws InputException {
        Map<Path, Kustomize.Build> built = new LinkedHashMap<>();
        for (Path dir : scanned) {
            if (!built.containsKey(absolute(dir))) {
                built.put(absolute(dir), builder.build(dir));
            }
        }
        Set<Path> namedRead = new HashSet<>();
        Map<String, List<String>> namedFilesOf = new LinkedHashMap<>();
        for (Map.Entry<Path, List<Path>> entry : named.entrySet()) {
            Kustomize.Build build = built.containsKey(absolute(entry.getKey())) ? built.get(absolute(entry.getKey()))
                    : builder.build(entry.getKey());
            Set<Path> inputs = inputs(build);
            List<Path> read = entry.getValue().stream().filter(file -> inputs.contains(absolute(file))).toList();
            if (!read.isEmpty()) {
                built.putIfAbsent(absolute(entry.getKey()), build);
                read.forEach(file -> namedRead.add(absolute(file)));
                namedFilesOf.put(build.name(), read.stream().map(Path::toString).toList());
            }
        }
        // the kustomization files each build reads besides its own: those of its bases and components
        Set<Path> used = new HashSet<>();
        for (Kustomize.Build build : built.values()) {
            Path own = absolute(Path.of(build.kustomization().file()));
            inputs(build).stream().filter(file -> !file.equals(own)).forEach(used::add);
        }
        List<Kustomize.Build> linted = built.values().stream()
                .filter(build -> !used.contains(absolute(Path.of(build.kustomization().file())))).toList();
        return new Builds(linted, namedRead, namedFilesOf);
    }

    /** The builds to lint: overlays, and kustomizations no other build of the run uses. */
    List<Kustomize.Build> linted() {
        return linted;
    }

    /** Whether a file is a named manifest that a build reads: it is linted through the build, not on its own. */
    boolean readsNamed(String file) {
        return namedRead.contains(absolute(Path.of(file)));
    }

    /** The named files each build was made for, by the build's name. */
    Map<String, List<String>> namedFilesOf() {
        return namedFilesOf;
    }

    private static Set<Path> inputs(Kustomize.Build build) {
        Set<Path> inputs = new HashSet<>();
        build.inputs().keySet().forEach(file -> inputs.add(absolute(Path.of(file))));
        return inputs;
    }

    private static Path absolute(Path path) {
        return path.toAbsolutePath().normalize();
    }
}
