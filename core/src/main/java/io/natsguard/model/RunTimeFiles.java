package io.natsguard.model;

import io.natsguard.conf.IncludeReader;
import io.natsguard.source.Yaml;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Why a file that a workload's config includes is not among the mounted ConfigMaps and Secrets
 * natsguard read: it is written at run time (a container's command names it, or it lies on an
 * emptyDir that another container of the pod mounts too, as an init container that looks up the
 * node's address does), or it comes from a ConfigMap or Secret that was not scanned. Then the server
 * finds it and natsguard cannot check it; otherwise it is missing and the server refuses the config.
 */
final class RunTimeFiles {

    private RunTimeFiles() {
    }

    /** What the reader of a mounted config says of {@code path}, absent from the scanned mounts. */
    static IncludeReader.Unavailable unavailable(PodSpecReader.Found found, Predicate<PodSpecReader.Mount> scanned, String path) {
        Optional<String> why = found.mounts().stream().filter(mount -> under(path, mount.mountPath()) && !scanned.test(mount))
                .findFirst().map(mount -> "mounted from " + mount.kind() + " " + mount.name() + ", which is not among the scanned files");
        if (why.isEmpty()) {
            why = writer(found.workload(), path);
        }
        return why.map(reason -> new IncludeReader.Unavailable(reason, true))
                .orElseGet(() -> new IncludeReader.Unavailable("open " + path
                        + ": no such file or directory (not among the mounted ConfigMaps and Secrets)", false));
    }

    /** The container that writes {@code path} at run time, said the way a person finds it. */
    static Optional<String> writer(Workload workload, String path) {
        Node podSpec = PodSpecReader.podSpec(workload.object());
        if (podSpec == null) {
            return Optional.empty();
        }
        List<Container> all = new ArrayList<>();
        Yaml.list(podSpec, "initContainers").forEach(node -> all.add(new Container("init container", node)));
        Yaml.list(podSpec, "containers").forEach(node -> all.add(new Container("container", node)));
        for (Container container : all) {
            if (container.writes(path)) {
                return Optional.of("written at run time by " + container.label() + " (its command names " + path + ")");
            }
        }
        Optional<Container> server = all.stream().filter(c -> c.name().equals(workload.container()) && c.kind().equals("container"))
                .findFirst();
        if (server.isEmpty()) {
            return Optional.empty();
        }
        for (Node mount : Yaml.list(server.get().node(), "volumeMounts")) {
            String volume = Yaml.string(mount, "name").orElse("");
            String mountPath = Yaml.string(mount, "mountPath").orElse("");
            if (!under(path, mountPath) || !emptyDir(podSpec, volume)) {
                continue;
            }
            String inVolume = path.substring(trimmed(mountPath).length());
            List<Container> sharing = all.stream().filter(c -> c != server.get() && !c.mountPaths(volume).isEmpty()).toList();
            // the one that writes the file where it mounts the volume, else any that mounts it
            Optional<Container> writer = sharing.stream()
                    .filter(c -> c.mountPaths(volume).stream().anyMatch(at -> c.writes(trimmed(at) + inVolume))).findFirst()
                    .or(() -> sharing.stream().findFirst());
            if (writer.isPresent()) {
                return Optional.of("on emptyDir " + volume + ", written at run time by " + writer.get().label() + ", which mounts it too");
            }
        }
        return Optional.empty();
    }

    /** One container of the pod spec: init or not. */
    private record Container(String kind, Node node) {

        String name() {
            return Yaml.string(node, "name").orElse("");
        }

        String label() {
            return kind + " " + name();
        }

        /**
         * Whether its command writes the path: an init container's that names it (it runs before the
         * server, to prepare its files), or a shell line of any container that redirects, tees or copies to it.
         */
        boolean writes(String path) {
            Pattern shellWrite = Pattern.compile("(>>?|\\btee(\\s+-a)?|\\bcp\\s+\\S+)\\s*" + Pattern.quote(path) + "(?![\\w./-])");
            for (String field : List.of("command", "args")) {
                for (Node word : Yaml.list(node, field)) {
                    if (word instanceof ScalarNode scalar && scalar.getValue().contains(path)
                            && (kind.equals("init container") || shellWrite.matcher(scalar.getValue()).find())) {
                        return true;
                    }
                }
            }
            return false;
        }

        List<String> mountPaths(String volume) {
            return Yaml.list(node, "volumeMounts").stream().filter(m -> Yaml.string(m, "name").orElse("").equals(volume))
                    .map(m -> Yaml.string(m, "mountPath").orElse("")).toList();
        }
    }

    private static boolean emptyDir(Node podSpec, String volume) {
        return Yaml.list(podSpec, "volumes").stream()
                .anyMatch(v -> Yaml.string(v, "name").orElse("").equals(volume) && Yaml.at(v, "emptyDir").isPresent());
    }

    private static boolean under(String path, String mountPath) {
        String dir = trimmed(mountPath);
        return !dir.isEmpty() && (path.equals(dir) || path.startsWith(dir + "/"));
    }

    private static String trimmed(String mountPath) {
        return mountPath.endsWith("/") ? mountPath.substring(0, mountPath.length() - 1) : mountPath;
    }
}
