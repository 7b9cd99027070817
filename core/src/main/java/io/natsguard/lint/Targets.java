package io.natsguard.lint;

import io.natsguard.base.Position;
import io.natsguard.base.Related;
import io.natsguard.model.Cluster;
import io.natsguard.report.Finding;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a run reports on. A folder is linted whole. A file named on the command line (what pre-commit
 * and editors pass) is linted within its unit: the other manifests of its folder are read as its
 * context, or the Kustomize build that reads it is built. A cluster the named files have no part in
 * is not reported; a finding of one they are part of is reported where it is, and when that is not a
 * named file, it names them among its related places.
 */
public final class Targets {

    /** A run over folders (or the webhook's objects): everything read is reported on. */
    static final Targets EVERYTHING = new Targets(List.of(), List.of(), Map.of());

    private static final String NOTE = "the file named, linted with the other files of its unit";

    private final Set<String> named;
    private final Set<String> context;
    private final Map<String, List<String>> builtFor;

    /**
     * @param named    the files named on the command line
     * @param context  the files read only as their context (the other manifests of their folders)
     * @param builtFor the named files each Kustomize build was made for, by the build's name
     */
    Targets(List<String> named, List<String> context, Map<String, List<String>> builtFor) {
        this.named = named.stream().map(Targets::normal).collect(Collectors.toSet());
        this.context = context.stream().map(Targets::normal).collect(Collectors.toSet());
        this.builtFor = builtFor;
    }

    /** Whether a file was read only as the context of named files: what is wrong in it alone is not reported. */
    boolean isContext(String file) {
        return !context.isEmpty() && context.contains(normal(file));
    }

    /** Whether the cluster is reported: a part of it lies outside the context (in a named file, a scanned folder, a build). */
    boolean reports(Cluster cluster) {
        if (context.isEmpty()) {
            return true;
        }
        List<Position> parts = cluster.parts();
        return parts.isEmpty() || parts.stream().anyMatch(part -> !isContext(part.file()));
    }

    /** Whether a finding is reported: it lies outside the context, or points at a place outside it (a named file). */
    boolean reports(Finding finding) {
        return !isContext(finding.position().file()) || finding.related().stream().anyMatch(r -> !isContext(r.position().file()));
    }

    /** The parts of the cluster in named files, when a finding of it at {@code at} lies outside them. */
    List<Related> namedFor(Cluster cluster, Position at) {
        if (named.isEmpty() || named.contains(normal(at.file()))) {
            return List.of();
        }
        Map<String, Related> byFile = new LinkedHashMap<>();
        for (Position part : cluster.parts()) {
            if (named.contains(normal(part.file()))) {
                byFile.putIfAbsent(normal(part.file()), new Related(part, NOTE));
            }
        }
        return new ArrayList<>(byFile.values());
    }

    /** The named files a Kustomize build was made for, when a finding of it, moved to its source, lies outside them. */
    List<Related> namedFor(String build, Position at) {
        List<String> files = builtFor.getOrDefault(build, List.of());
        if (files.stream().anyMatch(file -> normal(file).equals(normal(at.file())))) {
            return List.of();
        }
        return files.stream().map(file -> new Related(new Position(file, 1, 1), NOTE)).toList();
    }

    private static String normal(String file) {
        return Path.of(file).normalize().toString();
    }
}
