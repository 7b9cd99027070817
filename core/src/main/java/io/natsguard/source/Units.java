package io.natsguard.source;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Which unit each scanned file deploys in: the build of a Kustomize root or a Helm chart's render
 * (their output, named by the run), else the path a Flux Kustomization or an Argo CD Application of
 * the repository deploys (the deepest that holds the file), else the file's folder (kube-linter's
 * rule). A reference from one object to another by name (a mounted ConfigMap, a route's Service, a
 * HelmRelease's valuesFrom) is looked for in the object's own file, then in its unit, then in the
 * whole scanned tree, where it is taken only when exactly one object matches: same-named objects of
 * other units (clusters/staging and clusters/production) never meet.
 */
public final class Units {

    /** Everything in one unit: the objects under review in the webhook, and models built of objects alone. */
    public static final Units ONE = new Units(Map.of(), List.of(), new Unit("the objects read", null, true));

    /** A folder a GitOps object deploys as a whole, with the unit it makes. */
    private record Deployed(Path folder, boolean recursive, Unit unit) {
    }

    /** What a reference reached, and whether it left the unit of the object it comes from to get there. */
    public record Reached<T>(T target, boolean across) {
    }

    private static final Comparator<String> FILE_ORDER = Comparator.nullsFirst(Comparator.naturalOrder());

    private final Map<String, Unit> generated;
    private final List<Deployed> deployed;
    private final Unit only;
    private final Map<String, Unit> byFile = new HashMap<>();

    private Units(Map<String, Unit> generated, List<Deployed> deployed, Unit only) {
        this.generated = generated;
        this.deployed = deployed;
        this.only = only;
    }

    /**
     * The units of a run.
     *
     * @param generated the unit of each output the run made (a Kustomize build, a chart render), by its name
     * @param roots     the folders natsguard reads in (the repositories, or the scanned folders)
     */
    public static Units of(List<KubeObject> objects, Map<String, Unit> generated, List<Path> roots) {
        List<Deployed> deployed = new ArrayList<>();
        for (KubeObject o : objects) {
            if (o.kind().equals("Kustomization") && o.apiVersion().startsWith("kustomize.toolkit.fluxcd.io/")) {
                // Flux builds the path with every manifest below it, at any depth
                Yaml.at(o.node(), "spec", "path").ifPresent(path -> deployed(o, path, true, roots).ifPresent(deployed::add));
            } else if (o.kind().equals("Application") && o.apiVersion().startsWith("argoproj.io/")) {
                List<Node> sources = new ArrayList<>(Yaml.at(o.node(), "spec", "source").stream().toList());
                sources.addAll(Yaml.list(o.node(), "spec", "sources"));
                for (Node source : sources) {
                    boolean recurse = Yaml.string(source, "directory", "recurse").map("true"::equals).orElse(false);
                    Yaml.at(source, "path").ifPresent(path -> deployed(o, path, recurse, roots).ifPresent(deployed::add));
                }
            }
        }
        deployed.sort(Comparator.comparingInt((Deployed d) -> d.folder().getNameCount()).reversed());
        return new Units(Map.copyOf(generated), deployed, null);
    }

    /**
     * The folder a GitOps object's path names, relative to the repository: the scope root that holds the
     * object's file, else the folder below it nearest to that root in which the path exists (a copy of a
     * repository without its .git). A path of another repository is found in none and makes no unit.
     */
    private static Optional<Deployed> deployed(KubeObject owner, Node path, boolean recursive, List<Path> roots) {
        if (!(path instanceof ScalarNode scalar) || scalar.getValue().isBlank()) {
            return Optional.empty();
        }
        String relative = Path.of(scalar.getValue().strip().replaceFirst("^/+", "")).normalize().toString();
        Path ownFolder = Path.of(owner.file()).toAbsolutePath().normalize().getParent();
        for (Path root : roots) {
            if (ownFolder == null || !ownFolder.startsWith(root)) {
                continue;
            }
            for (Path repository = root; repository != null; repository = below(repository, ownFolder)) {
                Path folder = repository.resolve(relative).normalize();
                if (folder.startsWith(root) && Files.isDirectory(folder)) {
                    Unit unit = new Unit("the path " + relative + " of " + owner.label(), owner.positionOf(path), true);
                    return Optional.of(new Deployed(folder, recursive, unit));
                }
            }
        }
        return Optional.empty();
    }

    /** The next folder from {@code folder} down to {@code target}, or null at the target. */
    private static Path below(Path folder, Path target) {
        return folder.equals(target) ? null : folder.resolve(folder.relativize(target).getName(0));
    }

    /** The unit a scanned file deploys in. */
    public Unit of(String file) {
        if (only != null) {
            return only;
        }
        return byFile.computeIfAbsent(file, this::find);
    }

    private Unit find(String file) {
        Unit made = generated.get(file);
        if (made != null) {
            return made;
        }
        Path folder = Path.of(file).toAbsolutePath().normalize().getParent();
        for (Deployed d : deployed) {
            if (d.recursive() ? folder.startsWith(d.folder()) : folder.equals(d.folder())) {
                return d.unit();
            }
        }
        return new Unit("folder " + Kustomize.display(folder), null, false);
    }

    /**
     * What a reference from {@code from} reaches among the objects that match it: one in the same
     * file (the later of several, as applied), else one in the same unit (the later by file name, as
     * {@code kubectl apply -f} walks a folder), else the only match in the scanned tree.
     */
    public <T> Optional<Reached<T>> reach(List<T> matches, Function<T, String> fileOf, String from) {
        T sameFile = null;
        for (T match : matches) {
            if (Objects.equals(fileOf.apply(match), from)) {
                sameFile = match;
            }
        }
        if (sameFile != null) {
            return Optional.of(new Reached<>(sameFile, false));
        }
        Unit unit = of(from);
        T inUnit = null;
        for (T match : matches) {
            if (of(fileOf.apply(match)).equals(unit) && (inUnit == null || FILE_ORDER.compare(fileOf.apply(match), fileOf.apply(inUnit)) >= 0)) {
                inUnit = match;
            }
        }
        if (inUnit != null) {
            return Optional.of(new Reached<>(inUnit, false));
        }
        return matches.size() == 1 ? Optional.of(new Reached<>(matches.get(0), true)) : Optional.empty();
    }
}
