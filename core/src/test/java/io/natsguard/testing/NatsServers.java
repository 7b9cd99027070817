package io.natsguard.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Real {@code nats-server} processes on 127.0.0.1 (Debian's package, or a pinned release of
 * {@link Peers}), each with a config of its own in a folder of the test, every one stopped by its PID
 * on {@link #close()}.
 */
public final class NatsServers implements AutoCloseable {

    /** One server's ports, chosen free on 127.0.0.1 before its config is written. */
    public record Ports(String name, int client, int cluster, int http) {

        public String monitor() {
            return "http://127.0.0.1:" + http;
        }

        public String route() {
            return "nats://127.0.0.1:" + cluster;
        }
    }

    /** A user of {@link #ACCOUNTS}' application account APP: the clients' (and the delivery probe's). */
    public static final String APP_USER = "app";
    public static final String APP_PASSWORD = "app-S3CRET";
    /** The user of {@link #ACCOUNTS}' system account SYS: what natscli's server commands need. */
    public static final String SYSTEM_USER = "sys";
    public static final String SYSTEM_PASSWORD = "sys-S3CRET";
    /**
     * Top-level config with two accounts, APP and the system account SYS, a user each: a cluster
     * block may pin APP ({@code accounts: [ APP ]}), and natscli's {@code server ls} asks as SYS.
     */
    public static final String ACCOUNTS = "accounts {\n"
            + "  SYS { users: [ { user: " + SYSTEM_USER + ", password: " + SYSTEM_PASSWORD + " } ] }\n"
            + "  APP { users: [ { user: " + APP_USER + ", password: " + APP_PASSWORD + " } ] }\n"
            + "}\nsystem_account: SYS\n";

    /** What a natscli run printed and how it exited. */
    public record CliResult(int exitCode, String stdout) {
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    private final Path dir;
    private final Path executable;
    /** Each running server by its name, in the order started. */
    private final java.util.Map<String, Process> started = new java.util.LinkedHashMap<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    /** Servers of Debian's nats-server 2.9.10. */
    public NatsServers(Path dir) {
        this(dir, Peers.natsServer(Peers.DEBIAN));
    }

    /** Servers of this release (a {@link Peers} release, e.g. {@link Peers#NEWEST}). */
    public NatsServers(Path dir, String release) {
        this(dir, Peers.natsServer(release));
    }

    private NatsServers(Path dir, Path executable) {
        this.dir = dir;
        this.executable = executable;
    }

    /** Whether Debian's nats-server is installed (.ci/run installs it). */
    public static boolean installed() {
        return Files.isExecutable(Path.of("/usr/sbin/nats-server")) || Files.isExecutable(Path.of("/usr/bin/nats-server"));
    }

    public static List<Ports> ports(int servers) throws IOException {
        List<Ports> ports = new ArrayList<>();
        for (int i = 0; i < servers; i++) {
            ports.add(new Ports("n" + i, freePort(), freePort(), freePort()));
        }
        return ports;
    }

    /**
     * The config of one server of cluster {@code cluster}: its ports, and the cluster block with
     * {@code clusterExtra} (routes, authorization, advertise) inside.
     */
    public static String config(Ports p, String cluster, String clusterExtra) {
        return config(p, cluster, clusterExtra, "");
    }

    /** The same, with {@code topExtra} (client authorization, say) at the top level. */
    public static String config(Ports p, String cluster, String clusterExtra, String topExtra) {
        return topExtra + "\nserver_name: " + p.name() + "\nhost: 127.0.0.1\nport: " + p.client() + "\nhttp: \"127.0.0.1:" + p.http() + "\"\n"
                + "cluster {\n  name: " + cluster + "\n  host: 127.0.0.1\n  port: " + p.cluster() + "\n" + clusterExtra + "\n}\n";
    }

    /** Starts a server with this config and waits until its monitoring endpoint answers. */
    public void start(Ports p, String config) throws IOException, InterruptedException {
        Path conf = Files.writeString(dir.resolve(p.name() + ".conf"), config);
        Process process = new ProcessBuilder(executable.toString(), "-c", conf.toString()).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve(p.name() + ".log").toFile()).start();
        started.put(p.name(), process);
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new AssertionError("nats-server " + p.name() + " exited: " + Files.readString(dir.resolve(p.name() + ".log")));
            }
            try {
                if (get(p, "varz").statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("nats-server " + p.name() + " did not answer on " + p.monitor() + " within 15 s");
            }
            Thread.sleep(20);
        }
    }

    /** Waits until each server reports this many routes (/routez num_routes), up to 15 s. */
    public void awaitRoutes(List<Ports> servers, int routes) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        for (Ports p : servers) {
            while (JSON.readTree(get(p, "routez").body()).path("num_routes").asInt(-1) != routes) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError(p.name() + " did not reach " + routes + " routes: " + get(p, "routez").body());
                }
                Thread.sleep(20);
            }
        }
    }

    /**
     * Whether a message published on {@code from}'s client port reaches a subscriber on {@code to}'s,
     * within two seconds: the NATS text protocol over plain sockets (CONNECT, SUB, PING; PUB, PING).
     */
    public static boolean delivers(Ports from, Ports to, String subject) throws IOException, InterruptedException {
        try (Socket subscriber = client(to); Socket publisher = client(from)) {
            BufferedReader in = reader(subscriber);
            send(subscriber, "SUB " + subject + " 1\r\nPING\r\n");
            await(in, "PONG");
            Thread.sleep(1000); // the interest crosses the routes
            send(publisher, "PUB " + subject + " 5\r\nhello\r\nPING\r\n");
            await(reader(publisher), "PONG");
            subscriber.setSoTimeout(2000);
            try {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    if (line.startsWith("MSG " + subject + " ")) {
                        return true;
                    }
                }
            } catch (java.net.SocketTimeoutException lost) {
                return false;
            }
            return false;
        }
    }

    private static Socket client(Ports p) throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), p.client());
        socket.setSoTimeout(5000);
        BufferedReader in = reader(socket);
        String info = in.readLine();
        if (info == null || !info.startsWith("INFO ")) {
            throw new IOException(p.name() + " did not greet with INFO: " + info);
        }
        send(socket, "CONNECT {\"verbose\":false,\"pedantic\":false,\"name\":\"natsguard-test\"}\r\n");
        return socket;
    }

    private static BufferedReader reader(Socket socket) throws IOException {
        return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
    }

    private static void send(Socket socket, String text) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static void await(BufferedReader in, String expected) throws IOException {
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            if (line.equals(expected)) {
                return;
            }
            if (line.startsWith("-ERR")) {
                throw new IOException(line);
            }
        }
        throw new IOException("connection closed before " + expected);
    }

    private HttpResponse<String> get(Ports p, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(p.monitor() + "/" + path)).timeout(Duration.ofSeconds(2)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The path of Debian's nats-server. */
    public static String executable() {
        return Files.isExecutable(Path.of("/usr/sbin/nats-server")) ? "/usr/sbin/nats-server" : "/usr/bin/nats-server";
    }

    /**
     * Ports below Linux's ephemeral range (32768 and up), free when chosen and never chosen twice in
     * this JVM: a port the kernel hands out (port 0) is soon the source port of some client's
     * connection, and a server started on it later fails with "address already in use".
     */
    private static final int LOWEST = 20_000;
    private static final int ABOVE_HIGHEST = 32_768;
    private static final java.util.Set<Integer> HANDED_OUT = java.util.concurrent.ConcurrentHashMap.newKeySet();

    public static int freePort() throws IOException {
        java.util.Random random = java.util.concurrent.ThreadLocalRandom.current();
        for (int attempt = 0; attempt < 1000; attempt++) {
            int port = LOWEST + random.nextInt(ABOVE_HIGHEST - LOWEST);
            if (!HANDED_OUT.add(port)) {
                continue;
            }
            try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                return socket.getLocalPort();
            } catch (IOException taken) {
                // someone else's: try another
            }
        }
        throw new IOException("no free port between " + LOWEST + " and " + ABOVE_HIGHEST + " on 127.0.0.1");
    }

    /** Stops one server by its PID, as {@link #close()} does, and waits until it is gone. */
    public void stop(Ports p) throws InterruptedException {
        Process process = started.remove(p.name());
        if (process == null) {
            throw new IllegalArgumentException(p.name() + " was not started here");
        }
        stop(List.of(process));
    }

    /**
     * Runs natscli ({@link Peers#natscli()}) against {@code server}'s client port as {@code user},
     * with {@code args} (e.g. {@code server ls 3 --json}); natscli waits at most two seconds for
     * answers, the run at most 20 s before it is stopped by its PID.
     */
    public CliResult natscli(Ports server, String user, String password, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Peers.natscli().toString(), "--server", "nats://127.0.0.1:" + server.client(),
                "--user", user, "--password", password, "--timeout", "2s", "--no-context"));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(dir, "natscli", ".out");
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).redirectOutput(out.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            stop(List.of(process));
            throw new AssertionError("natscli " + String.join(" ", args) + " did not end within 20 s: " + Files.readString(out));
        }
        return new CliResult(process.exitValue(), Files.readString(out));
    }

    /** Stops every server by its PID: SIGTERM, then SIGKILL after five seconds. */
    @Override
    public void close() throws InterruptedException {
        stop(List.copyOf(started.values()));
        started.clear();
    }

    private static void stop(List<Process> processes) throws InterruptedException {
        for (Process process : processes) {
            process.destroy();
        }
        for (Process process : processes) {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }
}
