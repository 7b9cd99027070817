package io.natsguard.source;

import io.natsguard.limit.Limits;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code kubectl kustomize} that cannot reach the network, should a remote reference ever get past
 * {@link KustomizeCopy}: HTTP and HTTPS go through a proxy on a loopback port that nothing listens
 * on, git may use no transport at all and never prompts, and none of natsguard's environment (a CI
 * runner's tokens) is passed on. Go sends requests to loopback addresses without the proxy; only
 * KustomizeCopy keeps those out. kubectl's defaults stay: no Helm, no plugins, and files loaded
 * only from below their kustomization.
 */
final class OfflineKubectl {

    /** Enough of kubectl's error output to say what failed; the rest is read and dropped. */
    private static final int MAX_ERROR_BYTES = 64 * 1024;
    /** How long the error output may go on once kubectl has ended. */
    private static final Duration ERROR_WAIT = Duration.ofSeconds(1);

    /**
     * What kubectl did.
     *
     * @param exitCode its exit code, -1 when it timed out
     * @param output   its standard output, or null when it wrote more than the bound or timed out (it was stopped)
     * @param errors   the start of its error output
     */
    record Result(int exitCode, byte[] output, String errors, boolean timedOut) {
    }

    private OfflineKubectl() {
    }

    /** Builds a kustomization folder; kubectl is stopped past {@code limits.maxFileBytes()} of output or past the timeout. */
    static Result build(Path dir, Limits limits, Duration timeout) throws Kustomize.KubectlMissing, IOException,
            InterruptedException {
        // Bound to a port but not listening: connections to it are refused, and no other process can take the port.
        try (SocketChannel closedPort = SocketChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            int port = ((InetSocketAddress) closedPort.getLocalAddress()).getPort();
            ProcessBuilder builder = new ProcessBuilder("kubectl", "kustomize", dir.toString());
            offline(builder.environment(), "http://" + InetAddress.getLoopbackAddress().getHostAddress() + ":" + port);
            Process process;
            try {
                process = builder.start();
            } catch (IOException e) {
                throw new Kustomize.KubectlMissing(dir + " is a Kustomize directory; building it needs kubectl on the PATH "
                        + "(install kubectl, e.g. apt-get install kubectl, or from kubernetes.io/docs/tasks/tools)");
            }
            return run(process, limits, timeout);
        }
    }

    /** Only the PATH (to find kubectl) stays; everything kubectl or git could use to reach out points nowhere. */
    private static void offline(Map<String, String> environment, String closedProxy) {
        String path = environment.get("PATH");
        environment.clear();
        if (path != null) {
            environment.put("PATH", path);
        }
        for (String proxy : new String[] {"HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY"}) {
            environment.put(proxy, closedProxy);
            environment.put(proxy.toLowerCase(Locale.ROOT), closedProxy);
        }
        environment.put("NO_PROXY", "");
        environment.put("no_proxy", "");
        environment.put("GIT_ALLOW_PROTOCOL", "none"); // a protocol that does not exist: every real one is refused
        environment.put("GIT_TERMINAL_PROMPT", "0");
    }

    /**
     * Waits for kubectl's output until the timeout, reading both streams on threads of their own: the
     * wait ends at the deadline whatever kubectl or a process it started does with its pipes, and
     * nothing is left waiting on it.
     */
    static Result run(Process process, Limits limits, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        AtomicReference<byte[]> errors = new AtomicReference<>();
        Thread errorReader = daemon("kubectl-stderr", () -> errors.set(head(process.getErrorStream())));
        CompletableFuture<byte[]> output = new CompletableFuture<>();
        daemon("kubectl-stdout", () -> {
            try {
                output.complete(output(process, limits));
            } catch (IOException e) {
                output.completeExceptionally(e);
            }
        });
        try {
            byte[] out = output.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            if (!process.waitFor(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)) {
                return new Result(-1, null, "", true);
            }
            errorReader.join(ERROR_WAIT.toMillis()); // a process kubectl left behind may hold its error output open
            byte[] head = errors.get();
            return new Result(process.exitValue(), out, head == null ? "(kubectl's error output did not end: a process it "
                    + "started holds it)" : new String(head, StandardCharsets.UTF_8), false);
        } catch (TimeoutException e) {
            return new Result(-1, null, "", true);
        } catch (ExecutionException e) {
            throw new IOException("cannot read the output of kubectl: " + e.getCause().getMessage(), e.getCause());
        } finally {
            if (process.isAlive()) {
                process.descendants().forEach(ProcessHandle::destroyForcibly); // git, which could hold kubectl's pipes
                process.destroyForcibly();
            }
        }
    }

    /** kubectl's standard output, or null past the bound: kubectl is stopped then, rather than read to its end. */
    private static byte[] output(Process process, Limits limits) throws IOException {
        try (InputStream out = process.getInputStream()) {
            byte[] bytes = limits.readAtMost(out);
            if (bytes == null) {
                process.destroyForcibly();
            }
            return bytes;
        }
    }

    /** A started daemon thread: a read blocked for ever must not keep the JVM alive. */
    private static Thread daemon(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static byte[] head(InputStream errors) {
        try (errors) {
            byte[] head = errors.readNBytes(MAX_ERROR_BYTES);
            errors.transferTo(OutputStream.nullOutputStream());
            return head;
        } catch (IOException e) {
            return ("(kubectl's error output could not be read: " + e.getMessage() + ")").getBytes(StandardCharsets.UTF_8);
        }
    }
}
