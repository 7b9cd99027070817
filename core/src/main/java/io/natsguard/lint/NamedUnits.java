package io.natsguard.lint;

import io.natsguard.limit.ReadScope;
import io.natsguard.source.Kustomize;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The units the manifests named on the command line are linted within: the build of the nearest
 * kustomization above each (inside the read scope), which decides once built whether it reads the
 * file; else the other manifests of the file's folder, read as its context.
 *
 * @param kustomizations the folder of each nearest kustomization, with the named files below it
 * @param siblings       the manifests read as context, none of them named or already scanned
 */
record NamedUnits(Map<Path, List<Path>> kustomizations, List<Path> siblings) {

    static NamedUnits of(List<Path> named, List<Path> scanned, ReadScope scope) throws InputException {
        Map<Path, List<Path>> kustomizations = new LinkedHashMap<>();
        List<Path> siblings = new ArrayList<>();
        Set<Path> seen = new HashSet<>();
        scanned.forEach(file -> seen.add(absolute(file)));
        for (Path file : named) {
            if (!Inputs.isYaml(file.getFileName().toString().toLowerCase(Locale.ROOT))) {
                continue;
            }
            Path kustomization = nearestKustomization(file, scope);
            if (kustomization != null) {
                kustomizations.computeIfAbsent(kustomization, dir -> new ArrayList<>()).add(file);
            } else {
                for (Path sibling : manifestsBeside(file)) {
                    if (seen.add(absolute(sibling))) {
                        siblings.add(sibling);
                    }
                }
            }
        }
        return new NamedUnits(kustomizations, siblings);
    }

    /** The closest folder above the file (its own first) that holds a kustomization, as long as natsguard may read there. */
    private static Path nearestKustomization(Path file, ReadScope scope) {
        for (Path dir = folderOf(file); scope.refusal(dir).isEmpty(); dir = up(dir)) {
            if (Kustomize.isKustomization(dir)) {
                return dir;
            }
            if (absolute(dir).getParent() == null) {
                return null;
            }
        }
        return null;
    }

    /** A file's folder as the user spells it: "." for a file named without one. */
    static Path folderOf(Path file) {
        return file.getParent() == null ? Path.of(".") : file.getParent();
    }

    /** The folder above, spelled as the user spelled this one (relative stays relative). */
    private static Path up(Path dir) {
        if (dir.isAbsolute()) {
            return dir.getParent();
        }
        Path up = dir.resolve("..").normalize();
        return up.toString().isEmpty() ? Path.of(".") : up;
    }

    /** The other YAML files of the file's folder (hidden ones aside, as a folder scan leaves them). */
    private static List<Path> manifestsBeside(Path file) throws InputException {
        Path dir = folderOf(file);
        try (Stream<Path> listing = Files.list(dir)) {
            return listing.map(p -> file.getParent() == null ? p.getFileName() : p)
                    .filter(p -> !p.equals(file) && Files.isRegularFile(p))
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .filter(p -> Inputs.isYaml(p.getFileName().toString().toLowerCase(Locale.ROOT)))
                    .sorted().toList();
        } catch (IOException e) {
            throw new InputException(dir + ": cannot list the folder of " + file + " (" + e.getMessage() + ")");
        }
    }

    private static Path absolute(Path path) {
        return path.toAbsolutePath().normalize();
    }
}
