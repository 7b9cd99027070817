package io.natsguard.mesh;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.natsguard.base.Visible;
import java.io.IOException;
import java.util.stream.Collectors;

/**
 * Reads the monitoring answers of a server that may be hostile: only the fields the mesh check
 * needs are kept (the rest is skipped token by token), and what does not read is an error naming
 * the endpoint, the line and column, and the field.
 */
final class MonitorJson {

    /** Longer server names and IDs are cut: NATS IDs have 56 characters, Kubernetes names at most 63. */
    static final int MAX_TEXT = 128;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectReader VARZ = JSON.readerFor(Varz.class);
    private static final ObjectReader ROUTEZ = JSON.readerFor(Routez.class);
    private static final ObjectReader HEALTHZ = JSON.readerFor(Healthz.class);

    @JsonIgnoreProperties(ignoreUnknown = true)
    private record Healthz(String status) {
    }

    private MonitorJson() {
    }

    /** A /varz with a server_id: without one there is no telling servers apart (and it is no NATS server). */
    static Varz varz(byte[] body) throws IOException {
        Varz varz = read(VARZ, "/varz", body);
        if (varz.serverId().isEmpty()) {
            throw new IOException("/varz has no server_id: is this a NATS server's monitoring port?");
        }
        return varz;
    }

    static Routez routez(byte[] body) throws IOException {
        return read(ROUTEZ, "/routez", body);
    }

    /** {@code /healthz}'s status ("ok" on every partial mesh too: it is shown, never trusted). */
    static String health(byte[] body) throws IOException {
        Healthz health = read(HEALTHZ, "/healthz", body);
        return health.status() == null ? "?" : shortened(health.status());
    }

    private static <T> T read(ObjectReader reader, String path, byte[] body) throws IOException {
        try {
            T value = reader.readValue(body);
            if (value == null) {
                throw new IOException(path + " answered null, not a JSON object");
            }
            return value;
        } catch (JsonProcessingException e) {
            throw new IOException(path + " is not the JSON a NATS server answers" + where(e) + ": " + printable(e.getOriginalMessage()));
        }
    }

    private static String where(JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        String field = e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()
                ? mapping.getPath().stream().map(r -> r.getFieldName() != null ? shortened(r.getFieldName()) : "[" + r.getIndex() + "]")
                        .collect(Collectors.joining(".")).replace(".[", "[")
                : "";
        return (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")") + (field.isEmpty() ? "" : " at " + field);
    }

    /**
     * A name or ID a server wrote, safe to print: {@link #printable}, cut at {@link #MAX_TEXT}
     * characters; null becomes empty.
     */
    static String shortened(String text) {
        if (text == null) {
            return "";
        }
        boolean longer = text.codePointCount(0, text.length()) > MAX_TEXT;
        return printable(longer ? text.substring(0, text.offsetByCodePoints(0, MAX_TEXT)) + "..." : text);
    }

    /**
     * Text a server caused, safe to print: control characters (a newline that would forge a status
     * line, a terminal escape, U+2028) shown as escapes, as everywhere natsguard prints input.
     */
    static String printable(String text) {
        return Visible.of(String.valueOf(text));
    }
}
