package io.natsguard.testing;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Kubernetes control plane on 127.0.0.1: etcd and kube-apiserver of {@link Peers} on free
 * ports, with their data, certificates and logs in a folder of the test, RBAC authorization and the
 * default admission plugins, and the real kubectl of the same release as cluster admin. No
 * controller manager, scheduler or kubelet: objects are stored and admitted, never run. Both
 * processes are stopped by their PIDs on {@link #close()}.
 *
 * <p>A start takes a few seconds (about 2.5 s on an idle 2-core machine): keep one per test class.
 */
public final class ControlPlane implements AutoCloseable {

    /** How a kubectl run ended and what it printed on each stream. */
    public record Result(int exitCode, String stdout, String stderr) {

        /** Everything, for an assertion's description. */
        @Override
        public String toString() {
            return "kubectl exited " + exitCode + "\nstdout:\n" + stdout + "\nstderr:\n" + stderr;
        }
    }

    private static final Duration READY_WITHIN = Duration.ofSeconds(90);
    private static final Duration KUBECTL_WITHIN = Duration.ofSeconds(60);

    private final Path dir;
    private final List<Process> started = new ArrayList<>();
    private final Path kubeconfig;
    private final int port;

    private ControlPlane(Path dir) throws IOException, InterruptedException {
        this.dir = dir;
        long begin = System.nanoTime();
        try {
            Certificates.write(dir);
            port = NatsServers.freePort();
            kubeconfig = Files.writeString(dir.resolve("kubeconfig"), kubeconfigText("admin",
                    "    client-certificate: " + dir.resolve(Certificates.ADMIN + ".crt") + "\n"
                    + "    client-key: " + dir.resolve(Certificates.ADMIN + ".key") + "\n"));
            String etcd = startEtcd();
            startApiServer(etcd);
            awaitReady();
        } catch (IOException | InterruptedException | RuntimeException | Error e) {
            close();
            throw e;
        }
        Duration startUp = Duration.ofNanos(System.nanoTime() - begin);
        // in the test's output: start-up time is what a suite of such classes pays on a 2-core CI machine
        System.out.println("Kubernetes " + Peers.KUBERNETES + " control plane ready in " + startUp.toMillis() + " ms");
    }

    /** Starts etcd and kube-apiserver with their files under {@code dir} and waits until the API server is ready. */
    public static ControlPlane start(Path dir) throws IOException, InterruptedException {
        return new ControlPlane(dir);
    }

    /** The API server's URL, https://127.0.0.1:PORT. */
    public String server() {
        return "https://127.0.0.1:" + port;
    }

    /** The cluster admin's kubeconfig (a client certificate in group system:masters). */
    public Path kubeconfig() {
        return kubeconfig;
    }

    /**
     * A kubeconfig for a client that authenticates with this bearer token (say, a service account's
     * from {@code kubectl create token}), written as {@code name}.kubeconfig.
     */
    public Path kubeconfig(String name, String token) throws IOException {
        return Files.writeString(dir.resolve(name + ".kubeconfig"), kubeconfigText(name, "    token: " + token + "\n"));
    }

    /**
     * Runs the real kubectl as cluster admin with {@code args}, with no standard input, stopped by its
     * PID when it has not ended within a minute.
     */
    public Result kubectl(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Peers.kubectl().toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(dir, "kubectl", ".out");
        Path err = Files.createTempFile(dir, "kubectl", ".err");
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectOutput(out.toFile())
                .redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().put("KUBECONFIG", kubeconfig.toString());
        // its discovery cache in the test's folder, not in ~/.kube
        builder.environment().put("KUBECACHEDIR", dir.resolve("kubectl-cache").toString());
        Process kubectl = builder.start();
        if (!kubectl.waitFor(KUBECTL_WITHIN.toSeconds(), TimeUnit.SECONDS)) {
            stop(kubectl);
            throw new AssertionError("kubectl " + String.join(" ", args) + " did not end within " + KUBECTL_WITHIN.toSeconds() + " s: "
                    + Files.readString(err));
        }
        return new Result(kubectl.exitValue(), Files.readString(out), Files.readString(err));
    }

    /** etcd on two free ports, without fsync (a test's data need not survive a power cut): gives its client URL. */
    private String startEtcd() throws IOException {
        String client = "http://127.0.0.1:" + NatsServers.freePort();
        String peer = "http://127.0.0.1:" + NatsServers.freePort();
        start("etcd", Peers.etcd(), "--name", "test", "--data-dir", dir.resolve("etcd").toString(),
                "--listen-client-urls", client, "--advertise-client-urls", client,
                "--listen-peer-urls", peer, "--initial-advertise-peer-urls", peer, "--initial-cluster", "test=" + peer,
                "--unsafe-no-fsync", "--log-level", "warn");
        return client;
    }

    private void startApiServer(String etcd) throws IOException {
        start("kube-apiserver", Peers.kubeApiserver(), "--etcd-servers", etcd,
                "--bind-address", "127.0.0.1", "--advertise-address", "127.0.0.1", "--secure-port", String.valueOf(port),
                // where it would write a self-signed certificate: never used, as it is given its own
                "--cert-dir", dir.resolve("apiserver").toString(),
                "--tls-cert-file", dir.resolve(Certificates.SERVER + ".crt").toString(),
                "--tls-private-key-file", dir.resolve(Certificates.SERVER + ".key").toString(),
                "--client-ca-file", dir.resolve(Certificates.CA + ".crt").toString(),
                "--service-account-issuer", "https://kubernetes.default.svc.cluster.local",
                "--service-account-key-file", dir.resolve(Certificates.SERVICE_ACCOUNTS + ".pub").toString(),
                "--service-account-signing-key-file", dir.resolve(Certificates.SERVICE_ACCOUNTS + ".key").toString(),
                // the ClusterIPs it hands out; no traffic goes there, as nothing runs the Services
                "--service-cluster-ip-range", "10.0.0.0/24",
                "--authorization-mode", "RBAC");
    }

    private void start(String name, Path executable, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(executable.toString()));
        command.addAll(List.of(args));
        started.add(new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".log").toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start());
    }

    /** Polls /readyz through kubectl (etcd reachable, RBAC's bootstrap roles in place) until it says ok. */
    private void awaitReady() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + READY_WITHIN.toNanos();
        while (true) {
            for (Process process : started) {
                if (!process.isAlive()) {
                    throw new AssertionError("the control plane did not start: " + logs());
                }
            }
            Result readyz = kubectl("get", "--raw", "/readyz", "--request-timeout", "2s");
            if (readyz.exitCode() == 0 && readyz.stdout().strip().equals("ok")) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("kube-apiserver not ready within " + READY_WITHIN.toSeconds() + " s: " + readyz + logs());
            }
            Thread.sleep(100);
        }
    }

    private String logs() throws IOException {
        StringBuilder logs = new StringBuilder();
        for (String name : List.of("etcd", "kube-apiserver")) {
            Path log = dir.resolve(name + ".log");
            if (Files.exists(log)) {
                List<String> lines = Files.readAllLines(log);
                logs.append("\n--- ").append(name).append(".log (last lines):\n")
                        .append(String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size())));
            }
        }
        return logs.toString();
    }

    /** A kubeconfig of one user of this API server, with these credentials (YAML lines under user:). */
    private String kubeconfigText(String user, String credentials) {
        return "apiVersion: v1\nkind: Config\n"
                + "clusters:\n- name: test\n  cluster:\n    server: " + server() + "\n"
                + "    certificate-authority: " + dir.resolve(Certificates.CA + ".crt") + "\n"
                + "users:\n- name: " + user + "\n  user:\n" + credentials
                + "contexts:\n- name: test\n  context: { cluster: test, user: " + user + " }\n"
                + "current-context: test\n";
    }

    /** Stops the API server, then etcd, each by its PID: SIGTERM, then SIGKILL after ten seconds. */
    @Override
    public void close() throws InterruptedException {
        for (int i = started.size() - 1; i >= 0; i--) {
            stop(started.get(i));
        }
        started.clear();
    }

    private static void stop(Process process) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
