package io.natsguard.lint;

import io.natsguard.base.Position;
import io.natsguard.limit.Limits;
import io.natsguard.limit.ReadScope;
import io.natsguard.model.ClusterModelBuilder;
import io.natsguard.source.ChartFolder;
import io.natsguard.source.GoTemplate;
import io.natsguard.source.HelmChart;
import io.natsguard.source.HelmValues;
import io.natsguard.source.InputProblem;
import io.natsguard.source.Kustomize;
import io.natsguard.source.KubeObject;
import io.natsguard.source.ManifestReader;
import io.natsguard.source.Unit;
import io.natsguard.source.Units;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * The files a lint run reads: YAML manifests ({@code .yaml}, {@code .yml}, {@code -} for standard
 * input) and NATS config files ({@code *.conf} under a directory, any other file named on the
 * command line). Directories are walked without following links; hidden folders (.git) are skipped.
 */
public final class Inputs {

    /**
     * What was read, ready for the model.
     *
     * @param scope the folders that what was read may refer to (NATS includes, Argo CD value files)
     */
    public record Read(List<ManifestReader.Result> manifests, List<ClusterModelBuilder.ConfFile> confFiles, int files,
            Map<String, String> texts, List<Kustomize.Mapper> kustomizeMappers, List<HelmValues> chartValues,
            ReadScope scope, Units units, Targets targets) {

        /** The texts natsguard may rewrite: every file read, not the output of a Kustomize build (its sources are the files). */
        public Map<String, String> rewritable() {
            Map<String, String> files = new LinkedHashMap<>(texts);
            kustomizeMappers.forEach(mapper -> files.remove(mapper.buildName()));
            return files;
        }

        /** The cluster model of everything read, within these bounds. */
        public ClusterModelBuilder.Model model(Limits limits) {
            ClusterModelBuilder builder = new ClusterModelBuilder(limits, scope).units(units);
            manifests.forEach(manifest -> builder.addObjects(manifest.objects()));
            confFiles.forEach(builder::addConfFile);
            return builder.addChartValues(chartValues).build();
        }
    }

    private Inputs() {
    }

    /** A file to read: found while walking a directory, or named on the command line. */
    private record Candidate(Path path, boolean named, IOException failure) {
    }

    /** One file's content, ready for the model. */
    private record Loaded(ManifestReader.Result manifest, ClusterModelBuilder.ConfFile conf, String file, String text) {
    }

    /** What to read: paths, and optionally a local chart for real Helm or a values file of the official NATS chart. */
    public record Request(List<String> paths, InputStream stdin, HelmChart chart, OfficialValues values) {

        public static Request of(List<String> paths, InputStream stdin) {
            return new Request(paths, stdin, null, null);
        }
    }

    /** A values file for the official NATS chart, named with --helm-values. */
    public record OfficialValues(Path file, String releaseName, String namespace) {
    }

    /**
     * Manifests already in memory, by the name findings will give as their file, each read by
     * {@code reader} from its name and text (the webhook's objects come as JSON and are read as
     * JSON): they may refer to no file.
     */
    public static Read documents(Map<String, String> manifests, BiFunction<String, String, ManifestReader.Result> reader) {
        List<ManifestReader.Result> read = manifests.entrySet().stream()
                .map(document -> reader.apply(document.getKey(), document.getValue())).toList();
        return new Read(read, List.of(), manifests.size(), new LinkedHashMap<>(manifests), List.of(), List.of(),
                ReadScope.NOTHING, Units.ONE, Targets.EVERYTHING);
    }

    public static Read read(List<String> paths, InputStream stdin) throws InputException {
        return read(Request.of(paths, stdin), Limits.DEFAULT);
    }

    /**
     * Reads the files of a run: what the paths name, no file larger than the limits allow. What they
     * refer to may be read later inside the git work trees that hold them ({@link ReadScope#around}).
     */
    public static Read read(Request request, Limits limits) throws InputException {
        List<String> paths = request.paths();
        InputStream stdin = request.stdin();
        HelmChart chart = request.chart();
        List<Candidate> found = new ArrayList<>();
        List<Path> kustomizations = new ArrayList<>();
        Set<Path> charts = new LinkedHashSet<>();
        List<ManifestReader.Result> manifests = new ArrayList<>();
        List<ClusterModelBuilder.ConfFile> confFiles = new ArrayList<>();
        Map<String, String> texts = new LinkedHashMap<>();
        List<Path> namedFiles = new ArrayList<>();
        for (String arg : paths) {
            if (arg.equals("-")) {
                try {
                    byte[] bytes = limits.readAtMost(stdin);
                    if (bytes == null) {
                        manifests.add(new ManifestReader.Result(List.of(), tooLarge("<stdin>", limits)));
                        continue;
                    }
                    String text = new String(bytes, StandardCharsets.UTF_8);
                    texts.put("<stdin>", text);
                    manifests.add(ManifestReader.read("<stdin>", text));
                } catch (IOException e) {
                    throw new InputException("-: cannot read standard input: " + e.getMessage());
                }
                continue;
            }
            Path path = Path.of(arg);
            if (!Files.exists(path)) {
                throw new InputException(arg + ": no such file or directory");
            }
            if (Files.isDirectory(path)) {
                walk(path, found, kustomizations, charts);
            } else if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
                throw new InputException(arg + ": cannot be read");
            } else {
                Optional<ChartFolder> holder = ChartFolder.holding(path);
                if (holder.isPresent()) {
                    charts.add(holder.get().root()); // a template is linted through its chart's render
                } else {
                    found.add(new Candidate(path, true, null));
                    namedFiles.add(path);
                }
            }
        }
        List<String> named = new ArrayList<>(paths);
        if (chart != null) {
            named.add(chart.chart().toString());
        }
        ReadScope scope = ReadScope.around(named);
        List<Candidate> candidates = distinct(found);
        int counted = candidates.size();
        NamedUnits namedUnits = NamedUnits.of(namedFiles, candidates.stream().map(Candidate::path).toList(), scope);
        namedUnits.siblings().forEach(sibling -> candidates.add(new Candidate(sibling, false, null)));
        // Reading and YAML parsing are the bulk of a large run, and files are independent: use every core.
        List<Loaded> loaded = candidates.parallelStream().map(candidate -> load(candidate, limits)).toList();
        Map<String, Unit> generated = new HashMap<>();
        List<Kustomize.Mapper> mappers = new ArrayList<>();
        Builds builds = Builds.of(kustomizations, namedUnits.kustomizations(), dir -> build(dir, scope, limits));
        for (Loaded one : loaded) {
            if (builds.readsNamed(one.file())) {
                continue; // a named file that a build reads is linted through the build
            }
            if (one.text() != null) {
                texts.put(one.file(), one.text());
            }
            if (one.manifest() != null) {
                manifests.add(one.manifest());
            }
            if (one.conf() != null) {
                confFiles.add(one.conf());
            }
        }
        if (chart != null) {
            try {
                for (ManifestReader.Result rendered : chart.render(scope, limits)) {
                    manifests.add(rendered);
                    rendered.objects().stream().findFirst().ifPresent(o -> texts.put(chart.name(), o.text()));
                }
            } catch (HelmChart.Unusable e) {
                throw new InputException(e.getMessage());
            }
            generated.put(chart.name(), new Unit("the render of chart " + chart.chart(), null, true));
        }
        int rendered = 0;
        for (Path folder : charts) {
            ChartFolder chartFolder = new ChartFolder(folder);
            if (chartFolder.rendersAnything()) {
                for (ManifestReader.Result result : chartFolder.render(scope, limits)) {
                    manifests.add(result);
                    result.objects().stream().findFirst().ifPresent(o -> texts.put(chartFolder.helm().name(), o.text()));
                }
                rendered++;
            }
        }
        for (Kustomize.Build build : builds.linted()) {
            manifests.addAll(build.results());
            texts.put(build.name(), build.text());
            mappers.add(new Kustomize.Mapper(build));
            generated.put(build.name(), new Unit("the build of kustomization " + Path.of(build.kustomization().file()).getParent(),
                    build.kustomization(), true));
        }
        int stdinFiles = paths.contains("-") ? 1 : 0;
        int chartFiles = (chart == null ? 0 : 1) + rendered;
        List<HelmValues> chartValues = new ArrayList<>(umbrellaValues(candidates, texts));
        if (request.values() != null) {
            chartValues.add(officialValues(request.values(), texts, limits));
            chartFiles++;
        }
        List<KubeObject> objects = manifests.stream().flatMap(manifest -> manifest.objects().stream()).toList();
        Targets targets = namedFiles.isEmpty() ? Targets.EVERYTHING
                : new Targets(namedFiles.stream().map(Path::toString).toList(), namedUnits.siblings().stream().map(Path::toString).toList(),
                        builds.namedFilesOf());
        return new Read(manifests, confFiles, counted + stdinFiles + kustomizations.size() + chartFiles, texts,
                mappers, chartValues, scope, Units.of(objects, generated, scope.roots()), targets);
    }

    /** Each file once, however many of the paths reach it (a folder and a file in it); named when a path names it. */
    private static List<Candidate> distinct(List<Candidate> candidates) {
        Map<Path, Candidate> byFile = new LinkedHashMap<>();
        for (Candidate candidate : candidates) {
            byFile.merge(candidate.path().toAbsolutePath().normalize(), candidate,
                    (first, again) -> new Candidate(first.path(), first.named() || again.named(), first.failure()));
        }
        return new ArrayList<>(byFile.values());
    }

    private static HelmValues officialValues(OfficialValues values, Map<String, String> texts, Limits limits)
            throws InputException {
        String file = values.file().toString();
        try (InputStream in = Files.newInputStream(values.file())) {
            byte[] bytes = limits.readAtMost(in);
            if (bytes == null) {
                throw new InputException(file + ": the values file is " + limits.tooLarge());
            }
            String text = new String(bytes, StandardCharsets.UTF_8);
            texts.put(file, text);
            return HelmValues.ofValuesFile(file, text, values.releaseName(), values.namespace(), null)
                    .orElseThrow(() -> new InputException(file + ": not a YAML map of chart values"));
        } catch (IOException e) {
            throw new InputException(file + ": cannot read the values file (" + e.getMessage() + ")");
        }
    }

    /** {@code values*.yaml} beside a Chart.yaml that depends on the chart nats: its values are under the dependency's name or alias. */
    private static List<HelmValues> umbrellaValues(List<Candidate> candidates, Map<String, String> texts) {
        List<HelmValues> found = new ArrayList<>();
        for (Candidate candidate : candidates) {
            Path file = candidate.path();
            String name = file.getFileName().toString();
            Path chartYaml = file.resolveSibling("Chart.yaml");
            String text = texts.get(file.toString());
            if (text == null || !name.matches("values.*\\.ya?ml") || !texts.containsKey(chartYaml.toString())) {
                continue;
            }
            String chart = texts.get(chartYaml.toString());
            HelmValues.dependencyOnNats(chart, chartYaml.toString()).flatMap(dependency -> HelmValues.ofValuesFile(
                    file.toString(), text, HelmValues.chartName(chart), "default", dependency.subchart(), dependency.version()))
                    .ifPresent(found::add);
        }
        return found;
    }

    static Kustomize.Build build(Path dir, ReadScope scope, Limits limits) throws InputException {
        try {
            return Kustomize.build(dir, scope, limits);
        } catch (Kustomize.KubectlMissing e) {
            throw new InputException(e.getMessage());
        } catch (IOException e) {
            throw new InputException(dir + ": cannot build with kubectl kustomize: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InputException(dir + ": interrupted while building with kubectl kustomize");
        }
    }

    /** Walks a tree; a folder with a kustomization is linted as what it deploys, not file by file. */
    private static void walk(Path root, List<Candidate> candidates, List<Path> kustomizations, Set<Path> charts)
            throws InputException {
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
                    if (!dir.equals(root) && name.startsWith(".")) {
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    if (Kustomize.isKustomization(dir)) {
                        kustomizations.add(dir);
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    if (ChartFolder.renderedOnly(dir)) {
                        return FileVisitResult.SKIP_SUBTREE; // Go templates, not manifests: read through the chart's render
                    }
                    if (ChartFolder.isChart(dir)) {
                        charts.add(dir);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
                    if (attrs.isRegularFile() && (isYaml(name) || name.endsWith(".conf"))) {
                        candidates.add(new Candidate(file, false, null));
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    candidates.add(new Candidate(file, false, e));
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new InputException(root + ": " + e.getMessage());
        }
    }

    private static Loaded load(Candidate candidate, Limits limits) {
        Path file = candidate.path();
        String name = file.toString();
        if (candidate.failure() != null) {
            return new Loaded(unreadable(file, candidate.failure()), null, name, null);
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = limits.readAtMost(in);
            if (bytes == null) {
                return new Loaded(new ManifestReader.Result(List.of(), tooLarge(name, limits)), null, name, null);
            }
            String text = new String(bytes, StandardCharsets.UTF_8);
            if (isYaml(name.toLowerCase(Locale.ROOT))) {
                return new Loaded(templateOrManifest(name, text), null, name, text);
            }
            return new Loaded(null, new ClusterModelBuilder.ConfFile(name, bytes, candidate.named()), name, text);
        } catch (IOException e) {
            return new Loaded(unreadable(file, e), null, name, null);
        }
    }

    /** YAML that does not parse because it is Go template text (outside a chart: consul-template, gomplate) is a note. */
    private static ManifestReader.Result templateOrManifest(String name, String text) {
        ManifestReader.Result read = ManifestReader.read(name, text);
        if (read.problem() == null || read.problem().kind() != InputProblem.Kind.UNREADABLE) {
            return read;
        }
        OptionalInt template = GoTemplate.firstActionLine(text);
        return template.isEmpty() ? read
                : new ManifestReader.Result(read.objects(), GoTemplate.note(new Position(name, template.getAsInt(), 1), "this file"));
    }

    private static InputProblem tooLarge(String file, Limits limits) {
        return InputProblem.limit(new Position(file, 1, 1), "the file is " + limits.tooLarge() + ", so it was not read");
    }

    /** A file found while scanning that cannot be read is a problem at its place, not a skip. */
    private static ManifestReader.Result unreadable(Path file, Throwable e) {
        return new ManifestReader.Result(List.of(),
                InputProblem.unreadable(new Position(file.toString(), 1, 1), "cannot read the file: " + e.getMessage()));
    }

    static boolean isYaml(String name) {
        return name.endsWith(".yaml") || name.endsWith(".yml");
    }
}
