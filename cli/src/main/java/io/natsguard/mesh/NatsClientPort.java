package io.natsguard.mesh;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Tells a NATS client port given in place of the monitoring port: a client port greets every
 * connection, before any request, with a line that starts {@code INFO {} (a TLS client port too,
 * unless it is {@code handshake_first}). An HTTP client only reports a bad status line.
 */
final class NatsClientPort {

    private static final byte[] GREETING = "INFO {".getBytes(StandardCharsets.US_ASCII);

    private NatsClientPort() {
    }

    /** Whether the endpoint's host and port greet as a NATS client port, within {@code timeout}. */
    static boolean greets(URI endpoint, Duration timeout) {
        int millis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(endpoint.getHost(), port(endpoint)), millis);
            socket.setSoTimeout(millis);
            InputStream in = socket.getInputStream();
            return java.util.Arrays.equals(in.readNBytes(GREETING.length), GREETING);
        } catch (IOException | IllegalArgumentException e) {
            return false; // no greeting: whatever the HTTP client said stands
        }
    }

    /** What to say of it: which port to give instead. */
    static String mistake(URI endpoint) {
        return endpoint.getHost() + ":" + port(endpoint) + " is a NATS client port; give the monitoring port, http_port (8222 by default)";
    }

    private static int port(URI endpoint) {
        return endpoint.getPort() != -1 ? endpoint.getPort() : "https".equalsIgnoreCase(endpoint.getScheme()) ? 443 : 80;
    }
}
