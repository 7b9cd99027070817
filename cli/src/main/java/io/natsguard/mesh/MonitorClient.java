package io.natsguard.mesh;

import io.natsguard.base.Redactor;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Asks NATS servers' monitoring endpoints ({@code /varz}, {@code /routez}, {@code /healthz}), all
 * servers and endpoints at once, the whole round under a deadline: a dead, slow or hostile server
 * becomes a failed {@link Snapshot}, never a hang. Each request has the timeout from its first
 * byte to its last (a body that drips counts), and each answer is read up to
 * {@link CappedBody#MAX_BYTES}.
 */
public final class MonitorClient {

    /** Reads one endpoint's body. */
    private interface Reader<T> {
        T read(byte[] body) throws IOException;
    }

    /** A request that ran out of time: the server is slow, not a stranger to HTTP. */
    private static final class Late extends IOException {
        Late(String message) {
            super(message);
        }
    }

    private final HttpClient http;
    private final Duration timeout;

    public MonitorClient(Duration timeout) {
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** One snapshot per endpoint, in the order given, within {@code deadline} at the latest. */
    public List<Snapshot> sample(List<URI> endpoints, Duration deadline) throws InterruptedException {
        List<CompletableFuture<Snapshot>> pending = new ArrayList<>();
        for (URI endpoint : endpoints) {
            pending.add(snapshot(endpoint));
        }
        try {
            CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).get(deadline.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // each future says below what happened to it
        }
        List<Snapshot> snapshots = new ArrayList<>();
        for (int i = 0; i < endpoints.size(); i++) {
            CompletableFuture<Snapshot> one = pending.get(i);
            snapshots.add(one.isDone() && !one.isCompletedExceptionally() ? one.join()
                    : Snapshot.failed(shown(endpoints.get(i)), "no answer within the deadline of " + deadline.toMillis() + " ms"));
            one.cancel(true);
        }
        return snapshots;
    }

    private CompletableFuture<Snapshot> snapshot(URI endpoint) {
        String shown = shown(endpoint);
        CompletableFuture<Varz> varz = get(endpoint, "varz", MonitorJson::varz);
        CompletableFuture<Routez> routez = get(endpoint, "routez", MonitorJson::routez);
        CompletableFuture<String> health = get(endpoint, "healthz", MonitorJson::health).exceptionally(e -> "no answer");
        return varz.thenCombine(routez, (v, r) -> sameServer(v, r) ? new Snapshot(shown, v, r, null, null)
                        : Snapshot.failed(shown, "/varz and /routez came from different servers (server_id " + v.serverId() + " and "
                                + r.serverId() + "): give one URL per server, not one that balances over several"))
                .thenCombine(health, (answered, h) -> answered.answered()
                        ? new Snapshot(shown, answered.varz(), answered.routez(), h, null) : answered)
                .exceptionally(e -> Snapshot.failed(shown, explained(endpoint, e)));
    }

    /**
     * Why the endpoint gave no snapshot. A connection that was made but did not speak HTTP may be
     * a NATS client port given by mistake: asked once more, directly, it greets with INFO.
     */
    private String explained(URI endpoint, Throwable e) {
        Throwable cause = unwrap(e);
        boolean connected = !(cause instanceof java.net.ConnectException || cause instanceof java.net.http.HttpTimeoutException
                || cause instanceof Late || unresolved(cause));
        return connected && NatsClientPort.greets(endpoint, timeout) ? NatsClientPort.mistake(endpoint) : reason(e);
    }

    private static boolean unresolved(Throwable cause) {
        for (Throwable c = cause; c != null; c = c.getCause()) {
            if (c instanceof java.nio.channels.UnresolvedAddressException || c instanceof java.net.UnknownHostException) {
                return true;
            }
        }
        return false;
    }

    private static boolean sameServer(Varz varz, Routez routez) {
        return routez.serverId().isEmpty() || routez.serverId().equals(varz.serverId());
    }

    /**
     * GET {@code path}, read with {@code reader}; the whole exchange, connection to last byte,
     * within the timeout, after which the connection is dropped.
     */
    private <T> CompletableFuture<T> get(URI endpoint, String path, Reader<T> reader) {
        HttpRequest request = HttpRequest.newBuilder(endpoint.resolve(path)).GET().build();
        AtomicReference<CappedBody> started = new AtomicReference<>();
        CompletableFuture<HttpResponse<byte[]>> sent = http.sendAsync(request, info -> {
            CappedBody body = new CappedBody("/" + path, info.statusCode());
            started.set(body);
            return body;
        });
        CompletableFuture<T> answer = sent.thenApply(response -> {
            try {
                return reader.read(response.body());
            } catch (IOException e) {
                throw new CompletionException(e);
            }
        });
        return answer.orTimeout(timeout.toNanos(), TimeUnit.NANOSECONDS).whenComplete((value, e) -> {
            if (unwrap(e) instanceof TimeoutException) {
                sent.cancel(true);
                CappedBody body = started.get();
                if (body != null) {
                    body.cancel();
                }
            }
        }).exceptionallyCompose(e -> CompletableFuture.failedFuture(unwrap(e) instanceof TimeoutException
                ? new Late(started.get() == null ? "no answer within " + timeout.toMillis() + " ms"
                        : "/" + path + " began to answer but did not finish within " + timeout.toMillis() + " ms ("
                                + started.get().size() + " bytes arrived)")
                : unwrap(e)));
    }

    private static Throwable unwrap(Throwable e) {
        return e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
    }

    private String reason(Throwable e) {
        Throwable cause = unwrap(e);
        if (unresolved(cause)) {
            return "its host name does not resolve";
        }
        if (cause instanceof java.net.ConnectException) {
            return "connection refused";
        }
        if (cause instanceof java.net.http.HttpTimeoutException) {
            return "no answer within " + timeout.toMillis() + " ms";
        }
        String message = cause.getMessage();
        return message == null || message.isBlank() ? cause.getClass().getSimpleName() : Redactor.redact(MonitorJson.printable(message));
    }

    /** The endpoint as reports show it: the base URL without credentials. */
    public static String shown(URI endpoint) {
        return Redactor.redact(endpoint.toString());
    }
}
