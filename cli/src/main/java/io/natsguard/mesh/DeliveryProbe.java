package io.natsguard.mesh;

import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.ErrorListener;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.natsguard.base.Redactor;
import io.natsguard.tls.PemTrust;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Proof of delivery: one client connection per server (its client port, from {@code /varz}), a
 * subscription on a subject of its own on each, then a message from every server to every other;
 * every ordered pair whose message did not arrive by the deadline is reported. A route table can
 * look complete and still lose messages; this measures what subscribers see.
 */
public final class DeliveryProbe {

    /** How the probe's clients authenticate and encrypt; the password and token come from the environment. */
    public record ClientOptions(Path creds, String user, String password, String token, Path ca) {

        public static ClientOptions none() {
            return new ClientOptions(null, null, null, null, null);
        }
    }

    /** A server to probe: its name and client URL (nats:// or tls://). */
    public record Target(String name, String url) {
    }

    /**
     * @param probed      ordered pairs [from, to] whose delivery was tried
     * @param lost        those whose message did not arrive
     * @param unconnected servers the probe could not connect to, with why
     */
    public record Result(List<List<String>> probed, List<List<String>> lost, List<String> unconnected) {
    }

    /** Servers ask nothing of a probe: its connection errors are reported once, in the result. */
    private static final ErrorListener QUIET = new ErrorListener() {
    };

    private DeliveryProbe() {
    }

    /**
     * The client URL of a server that answered, under its name in the report: /varz's port, on the
     * host its monitoring endpoint was reached at.
     */
    public static Target target(String name, Snapshot snapshot) {
        String host = URI.create(snapshot.endpoint()).getHost();
        return new Target(name, (snapshot.varz().tlsRequired() ? "tls" : "nats") + "://" + host + ":" + snapshot.varz().port());
    }

    public static Result probe(List<Target> targets, ClientOptions client, Duration settle, Duration wait)
            throws InterruptedException {
        String run = "_NATSGUARD.probe." + UUID.randomUUID().toString().replace("-", "");
        Map<String, Connection> connections = new LinkedHashMap<>();
        List<String> unconnected = new ArrayList<>();
        Set<String> delivered = ConcurrentHashMap.newKeySet();
        try {
            for (Target target : targets) {
                try {
                    connections.put(target.name(), Nats.connect(options(target, client, wait)));
                } catch (IOException | GeneralSecurityException e) {
                    unconnected.add(target.name() + " (" + Redactor.redact(target.url()) + "): the probe cannot connect: " + reason(e));
                }
            }
            List<String> names = new ArrayList<>(connections.keySet());
            for (int i = 0; i < names.size(); i++) {
                String to = names.get(i);
                Dispatcher inbox = connections.get(to).createDispatcher(message ->
                        delivered.add(new String(message.getData(), StandardCharsets.UTF_8) + "\n" + to));
                inbox.subscribe(run + "." + i);
                flush(connections.get(to), wait);
            }
            Thread.sleep(settle.toMillis()); // the interest crosses the routes
            List<List<String>> probed = new ArrayList<>();
            for (String from : names) {
                for (int i = 0; i < names.size(); i++) {
                    if (!names.get(i).equals(from)) {
                        connections.get(from).publish(run + "." + i, from.getBytes(StandardCharsets.UTF_8));
                        probed.add(List.of(from, names.get(i)));
                    }
                }
                flush(connections.get(from), wait);
            }
            long end = System.nanoTime() + wait.toNanos();
            while (delivered.size() < probed.size() && System.nanoTime() < end) {
                Thread.sleep(10);
            }
            List<List<String>> lost = probed.stream().filter(pair -> !delivered.contains(pair.get(0) + "\n" + pair.get(1))).toList();
            return new Result(probed, lost, unconnected);
        } finally {
            for (Connection connection : connections.values()) {
                connection.close();
            }
        }
    }

    private static Options options(Target target, ClientOptions client, Duration timeout) throws IOException, GeneralSecurityException {
        Options.Builder options = new Options.Builder().server(target.url()).connectionName("natsguard-mesh-probe")
                .connectionTimeout(timeout).noReconnect().errorListener(QUIET);
        if (client.creds() != null) {
            options.authHandler(Nats.credentials(client.creds().toString()));
        }
        if (client.user() != null) {
            options.userInfo(client.user(), client.password() == null ? "" : client.password());
        }
        if (client.token() != null) {
            options.token(client.token().toCharArray());
        }
        if (client.ca() != null) {
            options.sslContext(PemTrust.trusting(client.ca()));
        }
        return options.build();
    }

    private static void flush(Connection connection, Duration wait) throws InterruptedException {
        try {
            connection.flush(wait);
        } catch (java.util.concurrent.TimeoutException e) {
            // a server that does not answer PING in time: its pairs show as lost
        }
    }

    private static String reason(Exception e) {
        String message = e.getMessage();
        return Redactor.redact(message == null || message.isBlank() ? e.getClass().getSimpleName() : message);
    }
}
