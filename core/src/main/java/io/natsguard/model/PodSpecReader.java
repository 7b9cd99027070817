package io.natsguard.model;

import io.natsguard.base.Position;
import io.natsguard.base.Related;
import io.natsguard.conf.GoPaths;
import io.natsguard.source.KubeObject;
import io.natsguard.source.Yaml;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Reads the pod template of a StatefulSet, Deployment, DaemonSet, ReplicaSet, Job, CronJob or Pod:
 * finds the container that runs nats-server, its command-line flags (as Go's flag package reads them:
 * {@code -name value}, {@code --name=value}, after the kubelet's {@code $(VAR)} expansion), and the
 * ConfigMaps and Secrets mounted into it.
 */
final class PodSpecReader {

    /** A ConfigMap or Secret volume mounted into the container. */
    record Mount(String kind, String name, String mountPath, String subPath, Map<String, String> items) {

        /** The absolute path at which a key of the volume appears in the container, if it does. */
        Optional<String> pathOf(String key) {
            String file = items.isEmpty() ? key : items.get(key);
            if (file == null) {
                return Optional.empty();
            }
            if (subPath != null && !subPath.isEmpty()) {
                return subPath.equals(file) ? Optional.of(GoPaths.clean(mountPath)) : Optional.empty();
            }
            return Optional.of(GoPaths.clean(mountPath + "/" + file));
        }
    }

    record Found(Workload workload, List<Mount> mounts) {
    }

    private PodSpecReader() {
    }

    static Optional<Found> read(KubeObject object) {
        Node podSpec = podSpec(object);
        if (podSpec == null) {
            return Optional.empty();
        }
        for (Node container : Yaml.list(podSpec, "containers")) {
            ContainerEnv env = ContainerEnv.of(object, container);
            List<Arg> args = arguments(object, container, env);
            String image = Yaml.string(container, "image").orElse("");
            if (runsNatsServer(image, args)) {
                return Optional.of(found(object, podSpec, container, image, args, env));
            }
        }
        return Optional.empty();
    }

    /** The pod template of each workload kind that runs pods; null for any other object. */
    static Node podSpec(KubeObject object) {
        return switch (object.kind()) {
            case "Pod" -> Yaml.at(object.node(), "spec").orElse(null);
            case "StatefulSet", "Deployment", "DaemonSet", "ReplicaSet", "Job" ->
                    Yaml.at(object.node(), "spec", "template", "spec").orElse(null);
            case "CronJob" -> Yaml.at(object.node(), "spec", "jobTemplate", "spec", "template", "spec").orElse(null);
            default -> null;
        };
    }

    /** One command-line word, where it is written, and where the $(VAR) values it took are set. */
    private record Arg(String text, Position position, List<Related> via) {
    }

    private static List<Arg> arguments(KubeObject object, Node container, ContainerEnv env) {
        List<Arg> args = new ArrayList<>();
        for (String field : List.of("command", "args")) {
            for (Node node : Yaml.list(container, field)) {
                if (node instanceof ScalarNode scalar) {
                    ContainerEnv.Expanded expanded = env.expand(scalar.getValue());
                    args.add(new Arg(expanded.text(), object.positionOf(node), expanded.via()));
                }
            }
        }
        // sh -c "nats-server --routes ...": read the script's words, all at the script's place
        List<Arg> words = new ArrayList<>();
        for (Arg arg : args) {
            if (arg.text().contains(" ") && arg.text().contains("nats-server")) {
                for (String word : arg.text().trim().split("\\s+")) {
                    words.add(new Arg(word.replaceAll("^[\"']|[\"']$", ""), arg.position(), arg.via()));
                }
            } else {
                words.add(arg);
            }
        }
        return words;
    }

    /** The official image runs nats-server; so does any command named nats-server. */
    private static boolean runsNatsServer(String image, List<Arg> args) {
        for (Arg arg : args) {
            String base = arg.text().substring(arg.text().lastIndexOf('/') + 1);
            if (base.equals("nats-server")) {
                return true;
            }
        }
        String repository = image.replaceFirst("@.*$", "");
        int slash = repository.lastIndexOf('/');
        String last = repository.substring(slash + 1).replaceFirst(":.*$", "").toLowerCase(Locale.ROOT);
        return last.equals("nats") || last.equals("nats-server");
    }

    private static Found found(KubeObject object, Node podSpec, Node container, String image, List<Arg> args, ContainerEnv env) {
        Map<String, Arg> flags = flags(args);
        List<Route> routes = new ArrayList<>();
        Arg routesFlag = flags.get("routes");
        if (routesFlag != null) {
            for (String url : routesFlag.text().split(",")) {
                if (!url.isBlank()) {
                    routes.add(new Route(url.trim(), routesFlag.position(), routesFlag.via()));
                }
            }
        }
        Arg cluster = flags.containsKey("cluster") ? flags.get("cluster") : flags.get("cluster_listen");
        Arg config = flags.containsKey("config") ? flags.get("config") : flags.get("c");
        Arg clusterName = flags.get("cluster_name");

        Integer replicas = replicas(object);
        Position replicasAt = replicasKey(object).map(object::positionOf).orElse(object.position());
        String serviceName = object.kind().equals("StatefulSet")
                ? Yaml.string(object.node(), "spec", "serviceName").orElse(null) : null;

        Workload workload = new Workload(object, object.kind(), object.name(), object.namespace(), replicas, replicasAt, serviceName,
                Yaml.string(container, "name").orElse(""), image, config == null ? null : config.text(), routes,
                cluster == null ? null : cluster.text(), cluster == null ? null : cluster.position(),
                clusterName == null ? null : clusterName.text(), env.literal());
        return new Found(workload, mounts(podSpec, container));
    }

    /**
     * How many servers the workload runs: a StatefulSet's, Deployment's or ReplicaSet's replicas (1
     * when not written, the API server's default), a Job's parallelism (1 by default), one for a Pod;
     * a DaemonSet runs one per node, a number no manifest says (null).
     */
    private static Integer replicas(KubeObject object) {
        return switch (object.kind()) {
            case "Pod" -> 1;
            case "DaemonSet" -> null;
            case "Job" -> Yaml.integer(object.node(), "spec", "parallelism").orElse(1);
            case "CronJob" -> Yaml.integer(object.node(), "spec", "jobTemplate", "spec", "parallelism").orElse(1);
            default -> Yaml.integer(object.node(), "spec", "replicas").orElse(1);
        };
    }

    /** The key that sets the number of servers, when it is written. */
    private static Optional<Node> replicasKey(KubeObject object) {
        return switch (object.kind()) {
            case "Job" -> Yaml.keyAt(Yaml.at(object.node(), "spec").orElse(null), "parallelism");
            case "CronJob" -> Yaml.keyAt(Yaml.at(object.node(), "spec", "jobTemplate", "spec").orElse(null), "parallelism");
            default -> Yaml.keyAt(Yaml.at(object.node(), "spec").orElse(null), "replicas");
        };
    }

    private static final List<String> BOOLEAN_FLAGS = List.of("no_advertise", "debug", "trace", "D", "V", "DV", "DVV",
            "js", "jetstream", "l", "T", "s", "no_header_support", "help", "h", "v", "version", "t");

    /** Go flag syntax: -name value, --name value, -name=value; a boolean flag takes no value. */
    private static Map<String, Arg> flags(List<Arg> args) {
        Map<String, Arg> flags = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String text = args.get(i).text();
            if (!text.startsWith("-") || text.equals("-") || text.equals("--")) {
                continue;
            }
            String name = text.replaceFirst("^--?", "");
            int eq = name.indexOf('=');
            if (eq >= 0) {
                flags.put(name.substring(0, eq), new Arg(name.substring(eq + 1), args.get(i).position(), args.get(i).via()));
            } else if (!BOOLEAN_FLAGS.contains(name) && i + 1 < args.size()) {
                flags.put(name, args.get(++i));
            }
        }
        return flags;
    }

    private static List<Mount> mounts(Node podSpec, Node container) {
        Map<String, Node> volumes = new HashMap<>();
        for (Node volume : Yaml.list(podSpec, "volumes")) {
            Yaml.string(volume, "name").ifPresent(name -> volumes.put(name, volume));
        }
        List<Mount> mounts = new ArrayList<>();
        for (Node mount : Yaml.list(container, "volumeMounts")) {
            Node volume = volumes.get(Yaml.string(mount, "name").orElse(""));
            String mountPath = Yaml.string(mount, "mountPath").orElse(null);
            if (volume == null || mountPath == null) {
                continue;
            }
            String subPath = Yaml.string(mount, "subPath").orElse(null);
            Yaml.at(volume, "configMap").ifPresent(cm -> mounts.add(mount("ConfigMap", cm, "name", mountPath, subPath)));
            Yaml.at(volume, "secret").ifPresent(s -> mounts.add(mount("Secret", s, "secretName", mountPath, subPath)));
            for (Node source : Yaml.list(volume, "projected", "sources")) {
                Yaml.at(source, "configMap").ifPresent(cm -> mounts.add(mount("ConfigMap", cm, "name", mountPath, subPath)));
                Yaml.at(source, "secret").ifPresent(s -> mounts.add(mount("Secret", s, "name", mountPath, subPath)));
            }
        }
        return mounts;
    }

    private static Mount mount(String kind, Node source, String nameField, String mountPath, String subPath) {
        Map<String, String> items = new HashMap<>();
        for (Node item : Yaml.list(source, "items")) {
            Optional<String> key = Yaml.string(item, "key");
            Optional<String> path = Yaml.string(item, "path");
            if (key.isPresent() && path.isPresent()) {
                items.put(key.get(), path.get());
            }
        }
        return new Mount(kind, Yaml.string(source, nameField).orElse(""), mountPath, subPath, items);
    }
}
