package io.natsguard.model;

import io.natsguard.base.Position;
import io.natsguard.base.Related;
import io.natsguard.conf.ConfParseException;
import io.natsguard.conf.ConfParser;
import io.natsguard.conf.ConfValue;
import io.natsguard.conf.Environment;
import io.natsguard.conf.GoPaths;
import io.natsguard.conf.IncludeReader;
import io.natsguard.conf.SharedBudget;
import io.natsguard.limit.Cancellation;
import io.natsguard.limit.Limits;
import io.natsguard.limit.ReadScope;
import io.natsguard.source.DataEntry;
import io.natsguard.source.GoTemplate;
import io.natsguard.source.HelmValues;
import io.natsguard.source.InputProblem;
import io.natsguard.source.KubeObject;
import io.natsguard.source.Origin;
import io.natsguard.source.Unit;
import io.natsguard.source.Units;
import io.natsguard.source.Yaml;
import io.natsguard.source.helm.ChartRender;
import io.natsguard.source.helm.ChartRenderException;
import io.natsguard.source.helm.NatsChartModel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Joins what was scanned into clusters: each workload running nats-server with the ConfigMap or
 * Secret mounted at its config path (or its command-line flags), every other NATS config on its
 * own, and the Services whose names resolve to many pods.
 */
public final class ClusterModelBuilder {

    private final Limits limits;
    private final ReadScope scope;
    private final SharedBudget budget;
    private final List<KubeObject> objects = new ArrayList<>();
    private final List<ConfFile> confFiles = new ArrayList<>();
    private final List<InputProblem> problems = new ArrayList<>();
    private Units units = Units.ONE;

    /** A NATS config file read from disk. */
    public record ConfFile(String path, byte[] content, boolean namedByUser) {
    }

    /** The clusters, the problems met on the way, and the objects of each deployment unit. */
    public record Model(List<Cluster> clusters, List<InputProblem> problems, Map<Unit, List<KubeObject>> units) {
    }

    /** A ConfigMap or Secret, by name in the workload's namespace. */
    public record Mounted(String kind, String name) {
    }

    /**
     * The ConfigMaps and Secrets mounted into the container of a StatefulSet, Deployment or Pod that
     * runs nats-server; empty when none runs it. What a reviewer must fetch to see the workload's config.
     */
    public static List<Mounted> mountedByNatsServer(KubeObject workload) {
        return PodSpecReader.read(workload).map(found -> found.mounts().stream()
                .map(mount -> new Mounted(mount.kind(), mount.name())).distinct().toList()).orElse(List.of());
    }

    /**
     * Within these limits, every config parsed for one model sharing one budget (what one input may
     * make natsguard read); NATS includes and chart value files are read only inside {@code scope}.
     */
    public ClusterModelBuilder(Limits limits, ReadScope scope) {
        this.limits = limits;
        this.scope = scope;
        this.budget = new SharedBudget(limits);
    }

    /** Which unit each file deploys in; without it, everything read deploys together. */
    public ClusterModelBuilder units(Units units) {
        this.units = units;
        return this;
    }

    public ClusterModelBuilder addObjects(List<KubeObject> more) {
        objects.addAll(more);
        return this;
    }

    private final List<HelmValues> chartValues = new ArrayList<>();

    /** Values of the NATS chart found outside GitOps objects (an umbrella chart's values files). */
    public ClusterModelBuilder addChartValues(List<HelmValues> values) {
        chartValues.addAll(values);
        return this;
    }

    public ClusterModelBuilder addConfFile(ConfFile file) {
        confFiles.add(file);
        return this;
    }

    public Model build() {
        List<Service> serviceList = new ArrayList<>();
        Map<String, List<KubeObject>> configHolders = new LinkedHashMap<>();
        List<KubeObject> workloads = new ArrayList<>();
        for (KubeObject o : objects) {
            switch (o.kind()) {
                case "Service" -> serviceList.add(new Service(o.name(), o.namespace(),
                        Yaml.string(o.node(), "spec", "clusterIP").map("None"::equals).orElse(false), o));
                case "ConfigMap", "Secret" -> configHolders.computeIfAbsent(holderKey(o.kind(), o.namespace(), o.name()),
                        key -> new ArrayList<>()).add(o);
                case "StatefulSet", "Deployment", "DaemonSet", "ReplicaSet", "Job", "CronJob", "Pod" -> workloads.add(o);
                default -> {
                    // other kinds say nothing about NATS clusters
                }
            }
        }
        Map<HelmValues, ChartRender> charts = renderCharts(serviceList);
        Services services = new Services(serviceList, units);
        List<Cluster> clusters = new ArrayList<>();
        charts.forEach((values, render) -> clusters.add(ChartClusters.of(values, render, services.seenFrom(values.owner().file()),
                new ConfParser(lenient(Map.of()), ChartClusters.NO_INCLUDES, limits, budget))));
        Map<KubeObject, Set<String>> mountedEntries = new IdentityHashMap<>();
        for (KubeObject o : workloads) {
            Cancellation.checkpoint();
            PodSpecReader.read(o).ifPresent(found -> {
                List<Related> joined = new ArrayList<>();
                NatsConfig config = null;
                if (found.workload().configPath() != null) {
                    config = mountedConfig(found, configHolders, mountedEntries, joined);
                }
                clusters.add(withServicesJoined(new Cluster(found.workload(), config, services.seenFrom(o.file()), null, joined)));
            });
        }
        for (List<KubeObject> sameNamed : configHolders.values()) {
            for (KubeObject holder : sameNamed) {
                standaloneEntries(holder, mountedEntries.getOrDefault(holder, Set.of()), services.seenFrom(holder.file()), clusters);
            }
        }
        // Each file is parsed once; one that another scanned file includes is checked as part of its includer.
        Set<String> included = new HashSet<>();
        IncludeReader files = IncludeReader.within(scope, limits);
        IncludeReader recording = path -> {
            included.add(GoPaths.clean(path));
            try {
                return files.read(path);
            } catch (IOException e) {
                if (e.getCause() instanceof NoSuchFileException) {
                    throw new IncludeReader.Unavailable(e.getMessage(), false);
                }
                throw e;
            }
        };
        Map<ConfFile, NatsConfig> parsed = new LinkedHashMap<>();
        for (ConfFile file : confFiles) {
            Cancellation.checkpoint();
            if (!templateSource(file)) {
                parsed.put(file, parse(file.path(), file.path(), file.content(), recording,
                        Map.of(file.path(), new Origin.SameFile(file.path())), false, lenient(Map.of())));
            }
        }
        parsed.forEach((file, config) -> {
            if (included.contains(GoPaths.clean(file.path()))) {
                return;
            }
            Optional<String> notNats = file.path().toLowerCase(Locale.ROOT).endsWith(".conf")
                    ? ConfRecognition.notNats(file.path(), file.content(), config)
                    : Optional.empty(); // a file of another name is NATS config because the user named it
            if (notNats.isPresent()) {
                problems.add(InputProblem.notNats(new Position(file.path(), 1, 1), notNats.get()));
            } else {
                clusters.add(withServicesJoined(new Cluster(null, config, services.seenFrom(file.path()))));
            }
        });
        return new Model(clusters.stream().map(this::counted).toList(), problems, unitsOf(objects));
    }

    /** The keys of a ConfigMap or Secret that no scanned workload mounts, each a config on its own; it includes its siblings, by "/" + key. */
    private void standaloneEntries(KubeObject holder, Set<String> mounted, Services services, List<Cluster> clusters) {
        List<DataEntry> entries = entries(holder);
        Map<String, DataEntry> keys = new HashMap<>();
        Map<String, Origin> origins = new HashMap<>();
        for (DataEntry entry : entries) {
            keys.put("/" + entry.key(), entry);
            origins.put("/" + entry.key(), entry.origin());
        }
        for (DataEntry entry : entries) {
            Cancellation.checkpoint();
            if (!mounted.contains(entry.key())) {
                standaloneEntry(entry, keys, origins).ifPresent(config -> clusters.add(withServicesJoined(new Cluster(null, config, services))));
            }
        }
    }

    /** The cluster, naming each Service its routes reach outside its unit. */
    private static Cluster withServicesJoined(Cluster cluster) {
        List<Related> joined = new ArrayList<>(cluster.joined());
        String namespace = cluster.workload() != null ? cluster.workload().namespace() : KubeObject.DEFAULT_NAMESPACE;
        for (Route route : cluster.routes()) {
            cluster.services().reached(route.host(), namespace).filter(Units.Reached::across).map(Units.Reached::target)
                    .filter(s -> s.object() != null).ifPresent(s -> {
                        Related note = joinedNote(s.object(), "Service " + s.namespace() + "/" + s.name());
                        if (!joined.contains(note)) {
                            joined.add(note);
                        }
                    });
        }
        return joined.size() == cluster.joined().size() ? cluster
                : new Cluster(cluster.workload(), cluster.config(), cluster.services(), cluster.chart(), joined);
    }

    /** What a finding says of an object joined from another unit. */
    private static Related joinedNote(KubeObject object, String what) {
        return new Related(object.position(), what + ", joined from another unit as the only one of its name in the scanned tree");
    }

    /** The objects of each unit in the order they are applied: by file name (as kubectl walks a folder), then as written. */
    private Map<Unit, List<KubeObject>> unitsOf(List<KubeObject> all) {
        Map<Unit, List<KubeObject>> byUnit = new LinkedHashMap<>();
        for (KubeObject o : all) {
            byUnit.computeIfAbsent(units.of(o.file()), unit -> new ArrayList<>()).add(o);
        }
        byUnit.values().forEach(objects -> objects.sort(Comparator.comparing(KubeObject::file)));
        return byUnit;
    }

    /**
     * A cluster larger than limits.max-replicas is counted, not listed: its size is reported, and
     * kept from the rules, which would list its pods (one route each, a proposal of every route).
     */
    private Cluster counted(Cluster cluster) {
        Workload w = cluster.workload();
        if (w == null || w.replicas() == null || w.replicas() <= limits.maxReplicas()) {
            return cluster;
        }
        problems.add(InputProblem.limit(w.replicasAt(), w.label() + " asks for " + w.replicas() + " replicas, past "
                + "natsguard's bound of " + limits.maxReplicas() + " servers a cluster (limits.max-replicas): a full mesh "
                + "of that size is beyond what NATS routes are made for, and its routes were not checked"));
        return new Cluster(w.withoutReplicas(), cluster.config(), cluster.services(), cluster.chart(), cluster.joined());
    }

    // ---- the NATS Helm chart, from a HelmRelease or an Application ----

    /** Renders the chart for every HelmRelease and Application that installs it; its headless Service joins the scanned ones. */
    private Map<HelmValues, ChartRender> renderCharts(List<Service> serviceList) {
        Map<HelmValues, ChartRender> charts = new LinkedHashMap<>();
        List<HelmValues> all = new ArrayList<>(HelmValues.find(objects, units, scope, limits));
        all.addAll(chartValues);
        for (HelmValues values : all) {
            Cancellation.checkpoint();
            problems.addAll(values.missing());
            Optional<InputProblem> unmodeled = values.unmodeled();
            if (unmodeled.isPresent()) {
                problems.add(unmodeled.get());
                continue;
            }
            try {
                HelmValues.Merged merged = values.merged();
                ChartRender render = NatsChartModel.render(merged.values(), merged.positions(), values.releaseName(),
                        values.namespace(), limits.maxReplicas());
                if (render.headlessServiceName().value() != null && render.namespace().value() != null) {
                    serviceList.add(new Service(render.headlessServiceName().value(), render.namespace().value(), true,
                            values.owner()));
                }
                charts.put(values, render);
            } catch (ChartRenderException e) {
                Position at = e.position() != null ? e.position() : values.owner().position();
                problems.add(InputProblem.unchecked(at, "chart nats of " + values.owner().label() + ": " + e.getMessage()));
            } catch (Cancellation.Cancelled e) {
                throw e;
            } catch (RuntimeException e) {
                // values of a shape the model never met: say so, never crash the run
                problems.add(InputProblem.unchecked(values.owner().position(), "chart nats of " + values.owner().label()
                        + ": natsguard could not model these values (" + e + ")"));
            }
        }
        return charts;
    }

    // ---- configs mounted into a workload ----

    private NatsConfig mountedConfig(PodSpecReader.Found found, Map<String, List<KubeObject>> holders,
            Map<KubeObject, Set<String>> mounted, List<Related> joined) {
        Workload w = found.workload();
        Map<String, DataEntry> files = new LinkedHashMap<>();
        for (PodSpecReader.Mount mount : found.mounts()) {
            List<KubeObject> sameNamed = holders.getOrDefault(holderKey(mount.kind(), w.namespace(), mount.name()), List.of());
            Units.Reached<KubeObject> reached = units.reach(sameNamed, KubeObject::file, w.object().file()).orElse(null);
            if (reached == null) {
                continue;
            }
            KubeObject holder = reached.target();
            if (reached.across()) {
                joined.add(joinedNote(holder, holder.kind() + " " + holder.namespace() + "/" + holder.name() + " (mounted by " + w.label() + ")"));
            }
            for (DataEntry entry : entries(holder)) {
                mount.pathOf(entry.key()).ifPresent(path -> files.put(path, entry));
            }
        }
        DataEntry main = files.get(GoPaths.clean(w.configPath()));
        if (main == null) {
            return null; // the config comes from somewhere natsguard did not scan
        }
        files.values().forEach(entry -> mounted.computeIfAbsent(entry.owner(), holder -> new HashSet<>()).add(entry.key()));
        if (templateSource(main)) {
            return null;
        }
        Map<String, Origin> origins = new HashMap<>();
        files.forEach((path, entry) -> origins.put(path, entry.origin()));
        IncludeReader reader = path -> {
            DataEntry entry = files.get(GoPaths.clean(path));
            if (entry == null) {
                throw RunTimeFiles.unavailable(found,
                        mount -> holders.containsKey(holderKey(mount.kind(), w.namespace(), mount.name())), GoPaths.clean(path));
            }
            return entry.content();
        };
        String label = main.owner().label() + " key " + main.key() + " (mounted by " + w.label() + ")";
        return parse(label, GoPaths.clean(w.configPath()), main.content(), reader, origins, main.inSecret(), lenient(w.env()));
    }

    // ---- configs on their own ----

    /** One key of a ConfigMap or Secret that no scanned workload mounts; it includes its siblings, by "/" + key. */
    private Optional<NatsConfig> standaloneEntry(DataEntry entry, Map<String, DataEntry> siblings, Map<String, Origin> origins) {
        if (templateSource(entry)) {
            return Optional.empty();
        }
        String name = "/" + entry.key();
        IncludeReader reader = path -> {
            DataEntry e = siblings.get(GoPaths.clean(path));
            if (e == null) {
                throw new IncludeReader.Unavailable("open " + path + ": no such file or directory (not among the keys of "
                        + entry.owner().label() + ")", false);
            }
            return e.content();
        };
        NatsConfig config = parse(entry.owner().label() + " key " + entry.key(), name, entry.content(), reader, origins,
                entry.inSecret(), lenient(Map.of()));
        return looksLikeNats(entry.key(), config) ? Optional.of(config) : Optional.empty();
    }

    /** A file of Go template text is a note, not a config: it becomes one only when rendered. */
    private boolean templateSource(ConfFile file) {
        String text = new String(file.content(), StandardCharsets.UTF_8);
        OptionalInt line = GoTemplate.firstActionLine(text);
        line.ifPresent(at -> problems.add(GoTemplate.note(new Position(file.path(), at, 1), "this file")));
        return line.isPresent();
    }

    /** The same for a key of a ConfigMap or Secret, at its key. */
    private boolean templateSource(DataEntry entry) {
        boolean template = GoTemplate.firstActionLine(entry.text()).isPresent();
        if (template) {
            problems.add(GoTemplate.note(entry.keyAt(), "key " + entry.key() + " of " + entry.owner().label()));
        }
        return template;
    }

    private List<DataEntry> entries(KubeObject holder) {
        try {
            return DataEntry.of(holder);
        } catch (DataEntry.InvalidData e) {
            problems.add(InputProblem.unreadable(e.position(), e.getMessage()));
            return List.of();
        }
    }

    /**
     * Parses a config. An include the reader could not give but the parse goes on without is a note
     * when the file exists at run time; else the first such include is the config's error, and the
     * rest of the config is still checked.
     */
    private NatsConfig parse(String label, String name, byte[] content, IncludeReader reader,
            Map<String, Origin> origins, boolean inSecret, Environment environment) {
        ConfParser parser = new ConfParser(environment, reader, limits, budget);
        try {
            ConfValue root = parser.parse(name, content);
            List<ConfParser.Unread> unread = parser.unread();
            ConfParseException missing = unread.stream().filter(include -> !include.atRunTime()).map(ConfParser.Unread::error)
                    .findFirst().orElse(null);
            NatsConfig config = new NatsConfig(label, root, missing, origins, inSecret);
            unread.stream().filter(ConfParser.Unread::atRunTime).forEach(include -> problems.add(InputProblem.note(
                    config.locate(include.error().position()), "include \"" + include.include() + "\" is not checked: "
                            + include.reason() + "; the rest of the config is checked")));
            return config;
        } catch (ConfParseException e) {
            return new NatsConfig(label, null, e, origins, inSecret);
        }
    }

    /**
     * The runtime environment is unknown to a linter: a variable the container sets literally has its
     * value; any other reads as the placeholder string "$NAME" (marked as coming from the environment).
     */
    static Environment lenient(Map<String, String> literal) {
        return name -> {
            String value = literal.get(name);
            return value != null ? value : "\"$" + name.replace("\\", "").replace("\"", "") + "\"";
        };
    }

    /**
     * Whether a ConfigMap or Secret key holds NATS server config: a key named like {@code nats*.conf}, or a config
     * that parses and sets options the way nats-server takes them (an nginx.conf that mentions
     * "routes" does not).
     */
    static boolean looksLikeNats(String name, NatsConfig config) {
        String base = name.substring(name.lastIndexOf('/') + 1).toLowerCase(java.util.Locale.ROOT);
        if (base.startsWith("nats") && base.endsWith(".conf")) {
            return true;
        }
        if (config.root() == null) {
            return false;
        }
        int evidence = 0;
        for (Map.Entry<String, ConfValue> entry : config.root().asMap().entrySet()) {
            ConfValue.Type expected = ServerOptions.TOP_LEVEL_TYPES.get(entry.getKey().toLowerCase(java.util.Locale.ROOT));
            if (expected != null && expected == entry.getValue().type()) {
                evidence++;
            }
        }
        return evidence >= 2;
    }

    private static String holderKey(String kind, String namespace, String name) {
        return kind + "/" + namespace + "/" + name;
    }
}
