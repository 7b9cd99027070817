package io.natsguard.cli;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.natsguard.base.Redactor;
import io.natsguard.limit.Limits;
import io.natsguard.lint.InputException;
import io.natsguard.lint.Inputs;
import io.natsguard.mesh.DeliveryProbe;
import io.natsguard.mesh.ExpectedServers;
import io.natsguard.mesh.KubernetesDiscovery;
import io.natsguard.mesh.MeshCheck;
import io.natsguard.mesh.MeshResult;
import io.natsguard.mesh.MonitorClient;
import io.natsguard.mesh.Snapshot;
import io.natsguard.mesh.format.MeshFormat;
import io.natsguard.model.GoDuration;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code natsguard mesh URL...}: ask running NATS servers whether their route mesh is whole. */
@Command(name = "mesh", mixinStandardHelpOptions = true,
        description = {"Check that running NATS servers form a full route mesh: every server routes to every other.",
            "URL: a server's monitoring endpoint (http://host:8222); give one per server that should be in the mesh,",
            "or take them from manifests with --from."},
        exitCodeOnInvalidInput = 3,
        exitCodeListHeading = "%nExit codes (as natscli's server check; 0 for --format prometheus unless the input is bad):%n",
        exitCodeList = {"0:OK, the mesh is full", "1:WARNING, e.g. routes to servers not checked, an incomplete route pool",
            "2:CRITICAL, a missing route, a server that does not answer (in time, in 4 MiB) or reports another cluster, "
                    + "servers sharing a server_name",
            "3:UNKNOWN, no server answered, or bad usage"})
public class MeshCommand implements Callable<Integer> {

    static final int UNKNOWN = MeshResult.Status.UNKNOWN.exitCode();

    @Parameters(paramLabel = "URL", arity = "0..*", description = "Monitoring endpoints, one per server.")
    List<String> urls = new ArrayList<>();

    @Option(names = "--from", paramLabel = "PATH", description = "Take the servers from manifests (what lint reads): one URL per "
            + "pod of the NATS StatefulSet found, http://<pod>.<service>.<namespace>.svc.cluster.local:<http_port>.")
    List<String> from = new ArrayList<>();

    @Option(names = "--kube-namespace", paramLabel = "NS", description = "Find the servers through the Kubernetes API "
            + "(kubeconfig, or the pod's service account): the pods of --statefulset or --selector in NS, at their IPs.")
    String kubeNamespace;

    @Option(names = "--statefulset", paramLabel = "NAME", description = "With --kube-namespace: the pods of this StatefulSet; "
            + "its replicas are the servers expected.")
    String statefulSet;

    @Option(names = "--selector", paramLabel = "LABELS", description = "With --kube-namespace: the pods with these labels (a=b,c=d).")
    String selector;

    @Option(names = "--probe", description = "After the route check, prove delivery: a message from every server to a "
            + "subscriber on every other, through their client ports.")
    boolean probe;

    @Option(names = "--probe-creds", paramLabel = "FILE", description = "NATS credentials file (JWT and seed) for the probe's connections.")
    Path probeCreds;

    @Option(names = "--probe-user", paramLabel = "USER", description = "User for the probe's connections; the password comes from "
            + "the environment variable NATSGUARD_PROBE_PASSWORD, a token from NATSGUARD_PROBE_TOKEN.")
    String probeUser;

    @Option(names = "--probe-ca", paramLabel = "FILE", description = "PEM CA certificates the probe trusts for tls:// client ports.")
    Path probeCa;

    @Option(names = "--expect", paramLabel = "N", description = "The mesh should have N servers (more than the URLs given: "
            + "every server must then route to N-1).")
    Integer expect;

    @Option(names = "--format", defaultValue = "text", description = "text (default), json or prometheus.")
    MeshFormat format;

    @Option(names = "--timeout", defaultValue = "2s", description = "Timeout of each HTTP request, connection to last byte (Go duration, default 2s).")
    String timeout;

    @Option(names = "--deadline", defaultValue = "10s", description = "The whole run ends by then, whatever answers (default 10s).")
    String deadline;

    @Option(names = "--samples", defaultValue = "2", description = "Samples taken; a route counts only if every sample shows it (default 2).")
    int samples;

    @Option(names = "--interval", defaultValue = "1s", description = "Time between samples (default 1s).")
    String interval;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        List<URI> endpoints = new ArrayList<>();
        KubernetesDiscovery.Found discovered = null;
        Duration timeoutEach = GoDuration.parse(timeout);
        Duration total = GoDuration.parse(deadline);
        Duration pause = GoDuration.parse(interval);
        try {
            for (String url : urls) {
                endpoints.add(endpoint(url));
            }
            endpoints.addAll(fromManifests());
            if (kubeNamespace != null) {
                discovered = discover();
                endpoints.addAll(discovered.monitors());
            } else if (statefulSet != null || selector != null) {
                throw new IllegalArgumentException("--statefulset and --selector go with --kube-namespace NS");
            }
            if (endpoints.isEmpty()) {
                throw new IllegalArgumentException("name the servers: monitoring URLs, --from PATH, or --kube-namespace NS");
            }
            Set<String> named = new HashSet<>();
            for (URI endpoint : endpoints) {
                if (!named.add(MonitorClient.shown(endpoint))) {
                    throw new IllegalArgumentException(MonitorClient.shown(endpoint) + " is given twice: name each server once");
                }
            }
        } catch (KubernetesDiscovery.Unavailable e) {
            err.println("natsguard mesh: " + e.getMessage());
            return UNKNOWN;
        } catch (InputException e) {
            err.println("natsguard mesh: " + e.getMessage());
            return UNKNOWN;
        } catch (IllegalArgumentException e) {
            err.println("natsguard mesh: " + e.getMessage());
            return UNKNOWN;
        }
        String durations = positive("--timeout", timeoutEach, timeout) + positive("--deadline", total, deadline)
                + (pause == null || pause.isNegative() ? "--interval takes a Go duration such as 1s, not '" + interval + "'; " : "");
        if (!durations.isEmpty() || samples < 1 || (expect != null && expect < 1)) {
            err.println("natsguard mesh: " + (durations.isEmpty() ? "--samples and --expect take a positive number" : durations.replaceAll("; $", "")));
            return UNKNOWN;
        }
        List<List<Snapshot>> taken = sample(endpoints, timeoutEach, total, pause);
        Integer size = expect != null ? expect : discovered != null ? Integer.valueOf(discovered.expected()) : null;
        MeshResult result = MeshCheck.check(taken, size == null ? OptionalInt.empty() : OptionalInt.of(size),
                discovered == null ? List.of() : discovered.notAsked());
        if (probe && result.status() != MeshResult.Status.UNKNOWN) {
            Map<String, Snapshot> last = taken.get(taken.size() - 1).stream().collect(Collectors.toMap(Snapshot::endpoint, s -> s));
            List<DeliveryProbe.Target> targets = result.members().stream().filter(MeshResult.Member::reachable)
                    .map(m -> DeliveryProbe.target(m.name(), last.get(m.endpoint()))).toList();
            result = result.withDelivery(DeliveryProbe.probe(targets, new DeliveryProbe.ClientOptions(probeCreds, probeUser,
                    System.getenv("NATSGUARD_PROBE_PASSWORD"), System.getenv("NATSGUARD_PROBE_TOKEN"), probeCa),
                    Duration.ofSeconds(1), timeoutEach));
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(format.render(result));
        out.flush();
        return format == MeshFormat.PROMETHEUS ? ExitCodes.OK : result.status().exitCode();
    }

    /**
     * Takes --samples samples, --interval apart, while the deadline leaves time for another; always
     * at least one, which itself ends by the deadline.
     */
    private List<List<Snapshot>> sample(List<URI> endpoints, Duration timeout, Duration deadline, Duration pause)
            throws InterruptedException {
        MonitorClient client = new MonitorClient(timeout);
        long end = System.nanoTime() + deadline.toNanos();
        List<List<Snapshot>> taken = new ArrayList<>();
        while (true) {
            taken.add(client.sample(endpoints, Duration.ofNanos(Math.max(0, end - System.nanoTime()))));
            if (taken.size() >= samples || Duration.ofNanos(end - System.nanoTime()).compareTo(pause.plus(timeout)) < 0) {
                return taken;
            }
            Thread.sleep(pause.toMillis());
        }
    }

    /** The monitoring URLs of the one NATS StatefulSet in --from's manifests; none without --from. */
    private List<URI> fromManifests() throws InputException {
        if (from.isEmpty()) {
            return List.of();
        }
        ExpectedServers.Found found = ExpectedServers.of(Inputs.read(from, System.in).model(Limits.DEFAULT));
        if (found.clusters().size() == 1) {
            return found.clusters().get(0).monitors();
        }
        if (found.clusters().isEmpty()) {
            throw new InputException(String.join(", ", from) + ": no NATS StatefulSet whose servers can be asked"
                    + (found.unusable().isEmpty() ? "" : ": " + String.join("; ", found.unusable())));
        }
        throw new InputException(String.join(", ", from) + ": " + found.clusters().size() + " NATS clusters ("
                + found.clusters().stream().map(ExpectedServers.Members::label).collect(java.util.stream.Collectors.joining(", "))
                + "): give the manifests of one per run");
    }

    /** The pods of --statefulset or --selector in --kube-namespace, asked through the API with --timeout. */
    private KubernetesDiscovery.Found discover() throws KubernetesDiscovery.Unavailable {
        if ((statefulSet == null) == (selector == null)) {
            throw new IllegalArgumentException("--kube-namespace needs one of --statefulset NAME or --selector LABELS");
        }
        Config config = Config.autoConfigure(null);
        int millis = (int) Math.min(Integer.MAX_VALUE, GoDuration.parse(timeout) == null ? 2000 : GoDuration.parse(timeout).toMillis());
        config.setConnectionTimeout(millis);
        config.setRequestTimeout(millis);
        config.setRequestRetryBackoffLimit(0);
        try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build()) {
            return KubernetesDiscovery.find(client, kubeNamespace, selector, statefulSet);
        }
    }

    private static String positive(String option, Duration value, String text) {
        return value == null || value.isNegative() || value.isZero() ? option + " takes a Go duration such as 2s, not '" + text + "'; " : "";
    }

    /** A monitoring base URL: http or https, a host, no query; its path ends with '/'. */
    static URI endpoint(String url) {
        try {
            URI uri = new URI(url.trim());
            if (uri.getScheme() == null || !List.of("http", "https").contains(uri.getScheme().toLowerCase()) || uri.getHost() == null
                    || uri.getQuery() != null) {
                throw new URISyntaxException(url, "expected http://HOST:PORT");
            }
            String path = uri.getPath() == null || uri.getPath().isEmpty() ? "/" : uri.getPath().endsWith("/") ? uri.getPath() : uri.getPath() + "/";
            return new URI(uri.getScheme(), uri.getUserInfo(), uri.getHost(), uri.getPort(), path, null, null);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'" + Redactor.redact(url) + "' is not a monitoring URL (expected http://HOST:PORT, "
                    + "the server's http port, 8222 by default)");
        }
    }
}
