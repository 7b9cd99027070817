package io.natsguard.mesh;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A monitoring endpoint on 127.0.0.1 that answers as a test tells it, hostile answers included:
 * a body without end, a body that drips. Each request has a thread of its own; {@link #close()}
 * stops the server and those threads.
 */
public final class FakeMonitor implements AutoCloseable {

    /** Writes one response: status and body. */
    public interface Answer {
        void write(com.sun.net.httpserver.HttpExchange exchange) throws IOException, InterruptedException;
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();

    private FakeMonitor(Map<String, Answer> answers) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        answers.forEach((path, answer) -> server.createContext("/" + path, exchange -> {
            try {
                answer.write(exchange);
            } catch (IOException | InterruptedException gone) {
                // the client hung up (as it should, on a hostile answer), or the test is over
            } finally {
                exchange.close();
            }
        }));
        server.setExecutor(threads);
        server.start();
    }

    /** A server whose /varz is {@code varz}, with a /routez of no route and a /healthz ok, both of server {@code id}. */
    public static FakeMonitor serving(String id, Answer varz) throws IOException {
        return new FakeMonitor(Map.of("varz", varz, "routez", json("{\"server_id\":\"" + id + "\",\"num_routes\":0,\"routes\":[]}"),
                "healthz", json("{\"status\":\"ok\"}")));
    }

    public static FakeMonitor answering(Map<String, Answer> answers) throws IOException {
        return new FakeMonitor(answers);
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    public static Answer json(String body) {
        return status(200, body);
    }

    public static Answer status(int status, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return exchange -> {
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
        };
    }

    /** {@code start}, then one filler character after another, fast, until the client hangs up. */
    public static Answer endless(String start) {
        byte[] filler = new byte[64 << 10];
        Arrays.fill(filler, (byte) 'a');
        return exchange -> {
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            out.write(start.getBytes(StandardCharsets.UTF_8));
            while (true) {
                out.write(filler);
            }
        };
    }

    /** {@code start}, then a space every {@code every}, until the client hangs up. */
    public static Answer dripping(String start, Duration every) {
        return exchange -> {
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            out.write(start.getBytes(StandardCharsets.UTF_8));
            while (true) {
                out.flush();
                Thread.sleep(every.toMillis());
                out.write(' ');
            }
        };
    }

    /**
     * For bench/mesh-hostile.sh: serves one hostile endpoint per argument ({@code endless},
     * {@code dripping}), prints their URLs, and runs until killed.
     */
    public static void main(String[] args) throws IOException, InterruptedException {
        for (String kind : args) {
            Answer varz = switch (kind) {
                case "endless" -> endless("{\"server_id\":\"ENDLESS\",\"padding\":\"");
                case "dripping" -> dripping("{\"server_id\":", Duration.ofMillis(300));
                default -> throw new IllegalArgumentException("endless or dripping, not " + kind);
            };
            System.out.println(serving(kind.toUpperCase(java.util.Locale.ROOT), varz).url());
        }
        Thread.currentThread().join();
    }

    @Override
    public void close() throws InterruptedException {
        server.stop(0);
        threads.shutdownNow();
        threads.awaitTermination(5, TimeUnit.SECONDS);
    }
}
