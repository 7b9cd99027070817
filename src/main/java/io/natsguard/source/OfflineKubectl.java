package io.natsguard.source;

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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
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

    /**
     * What kubectl did.
     *
     * @param output its standard output, or null when it wrote more than the bound (it was stopped)
     * @param errors the start of its error output
     */
    record Result(int exitCode, byte[] output, String errors, boolean timedOut) {
    }

    private OfflineKubectl() {
    }

    /** Builds a kustomization folder; kubectl is stopped past {@code maxOutputBytes} of output or past the timeout. */
    static Result build(Path dir, long maxOutputBytes, Duration timeout) throws Kustomize.KubectlMissing, IOException,
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
            return run(process, maxOutputBytes, timeout);
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

    private static Result run(Process process, long maxOutputBytes, Duration timeout) throws IOException, InterruptedException {
        AtomicBoolean timedOut = new AtomicBoolean();
        CompletableFuture<Void> watchdog = CompletableFuture.runAsync(() -> {
            if (process.isAlive()) {
                timedOut.set(true);
                process.destroyForcibly();
            }
        }, CompletableFuture.delayedExecutor(timeout.toMillis(), TimeUnit.MILLISECONDS));
        AtomicReference<byte[]> errors = new AtomicReference<>(new byte[0]);
        Thread errorReader = new Thread(() -> errors.set(head(process.getErrorStream())), "kubectl-stderr");
        errorReader.setDaemon(true);
        errorReader.start();
        try (InputStream out = process.getInputStream()) {
            byte[] output = out.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxOutputBytes + 1));
            if (output.length > maxOutputBytes) {
                process.destroyForcibly();
                output = null;
            }
            int exitCode = process.waitFor();
            errorReader.join();
            return new Result(exitCode, output, new String(errors.get(), StandardCharsets.UTF_8), timedOut.get());
        } finally {
            watchdog.cancel(false);
            if (process.isAlive()) {
                process.destroyForcibly();
            }
        }
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
