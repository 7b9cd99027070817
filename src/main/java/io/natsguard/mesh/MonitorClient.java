package io.natsguard.mesh;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.natsguard.report.Redactor;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Asks NATS servers' monitoring endpoints ({@code /varz}, {@code /routez}, {@code /healthz}), all
 * servers and endpoints at once, each request with its own timeout and the whole round under a
 * deadline: a dead or slow server becomes a failed {@link Snapshot}, never a hang.
 */
public final class MonitorClient {

    private static final ObjectMapper JSON = new ObjectMapper();

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
        CompletableFuture<JsonNode> varz = get(endpoint, "varz").thenApply(MonitorClient::json);
        CompletableFuture<JsonNode> routez = get(endpoint, "routez").thenApply(MonitorClient::json);
        CompletableFuture<String> health = get(endpoint, "healthz").thenApply(body -> json(body).path("status").asText("?"))
                .exceptionally(e -> "no answer");
        return varz.thenCombine(routez, (v, r) -> new Snapshot(shown, v, r, null, null))
                .thenCombine(health, (answered, h) -> new Snapshot(shown, answered.varz(), answered.routez(), h, null))
                .exceptionally(e -> Snapshot.failed(shown, reason(e)));
    }

    private CompletableFuture<String> get(URI endpoint, String path) {
        HttpRequest request = HttpRequest.newBuilder(endpoint.resolve(path)).timeout(timeout).GET().build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(response -> {
            if (response.statusCode() != 200) {
                throw new CompletionException(new IOException("/" + path + " answered HTTP " + response.statusCode()));
            }
            return response.body();
        });
    }

    private static JsonNode json(String body) {
        try {
            JsonNode node = JSON.readTree(body);
            if (node == null || !node.isObject()) {
                throw new IOException("not a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw new CompletionException(new IOException("the monitoring endpoint did not answer JSON: " + e.getMessage()));
        }
    }

    private String reason(Throwable e) {
        Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        if (cause instanceof HttpTimeoutException) {
            return "no answer within " + timeout.toMillis() + " ms";
        }
        for (Throwable c = cause; c != null; c = c.getCause()) {
            if (c instanceof java.nio.channels.UnresolvedAddressException || c instanceof java.net.UnknownHostException) {
                return "its host name does not resolve";
            }
        }
        if (cause instanceof java.net.ConnectException) {
            return "connection refused";
        }
        String message = cause.getMessage();
        return message == null || message.isBlank() ? cause.getClass().getSimpleName() : Redactor.redact(message);
    }

    /** The endpoint as reports show it: the base URL without credentials. */
    static String shown(URI endpoint) {
        return Redactor.redact(endpoint.toString());
    }
}
