package io.natsguard.conf;

import static io.natsguard.testing.JsonAssert.assertSameValue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.natsguard.testing.Corpus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every file of the shared corpora nats-conf and nats-conf-2.11 (same layout; the second holds the
 * whole-config-in-braces blocks of nats-server 2.11+) against what the real server's parser
 * (v2.14.5, pedantic) made of it: verdict, typed tree, positions and error wording. The parser
 * follows v2.14.10; where that release changed a verdict, {@link Corpus#ACCEPTED_SINCE_V2_14_5} says
 * so and ParserDifferentialTest holds the file to v2.14.10 itself.
 */
class NatsConfCorpusTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> FOLDERS = List.of("nats-conf", "nats-conf-2.11");

    /** One corpus row and the folder it belongs to. */
    record Row(Path dir, Map<String, String> cells) {
        String get(String column) {
            return cells.get(column);
        }

        /** The prefix our paths carry and the corpus's (relative to the corpus folder) do not. */
        String prefix() {
            return dir + "/";
        }

        String name() {
            return dir.getFileName() + "/" + get("path");
        }
    }

    static Stream<Arguments> rows() {
        return FOLDERS.stream().map(Corpus::relative)
                .flatMap(dir -> Corpus.tsv(dir.resolve("EXPECTED.tsv")).stream().map(cells -> new Row(dir, cells)))
                .map(row -> Arguments.of(Named.of(row.name(), row)));
    }

    static Stream<Arguments> acceptedRows() {
        return rows().filter(a -> "ok".equals(row(a).get("parse")));
    }

    @SuppressWarnings("unchecked")
    static Row row(Arguments a) {
        return ((Named<Row>) a.get()[0]).getPayload();
    }

    @Test
    void bothFoldersAreRead() {
        assertThat(rows().map(a -> row(a).dir().getFileName().toString()).distinct()).containsExactlyElementsOf(FOLDERS);
        assertThat(rows().filter(a -> row(a).dir().endsWith("nats-conf-2.11"))).hasSize(6);
    }

    @ParameterizedTest
    @MethodSource("rows")
    void verdictAndErrorWordingMatchTheServer(Row row) {
        String expected = row.get("parse_error");
        if ("ok".equals(row.get("parse")) || Corpus.ACCEPTED_SINCE_V2_14_5.containsKey(row.name())) {
            assertThat(parses(row)).as("accepted by the server").isTrue();
            return;
        }
        ConfParseException e = catchThrowableOfType(ConfParseException.class, () -> parse(row));
        assertThat(e).as("refused by the server with: %s", expected).isNotNull();
        String message = e.getMessage().replace(row.prefix(), "");
        if (expected.startsWith("FATAL (Go runtime)")) {
            // Deliberate difference: the server dies of a stack overflow on an include cycle;
            // natsguard names the cycle.
            assertThat(expected).contains("stack overflow");
            assertThat(message).contains("include cycle: ");
        } else {
            assertThat(message).contains(expected);
        }
        assertThat(e.position().line()).isPositive();
        assertThat(e.position().column()).isPositive();
    }

    @ParameterizedTest
    @MethodSource("acceptedRows")
    void treeMatchesTheServer(Row row) throws Exception {
        assertSameValue(expectedJson(row, ".json"), JSON.readTree(ConfTreeJson.treeToString(parse(row))));
    }

    @ParameterizedTest
    @MethodSource("acceptedRows")
    void positionsMatchTheServer(Row row) throws Exception {
        JsonNode actual = JSON.readTree(ConfTreeJson.positionsToString(parse(row)));
        stripPrefixFromFiles(actual, row.prefix());
        assertSameValue(expectedJson(row, ".pos.json"), actual);
    }

    static ConfValue parse(Row row) throws ConfParseException, IOException {
        Map<String, String> env = row.get("env").isBlank() ? Map.of()
                : JSON.readValue(row.get("env"), JSON.getTypeFactory().constructMapType(Map.class, String.class, String.class));
        return new ConfParser(Environment.of(env)).parseFile(row.prefix() + row.get("path"));
    }

    private static boolean parses(Row row) {
        try {
            parse(row);
            return true;
        } catch (ConfParseException e) {
            throw new AssertionError("refused: " + e.toDiagnostic(), e);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static JsonNode expectedJson(Row row, String suffix) throws IOException {
        return JSON.readTree(Files.readString(row.dir().resolve(row.get("path") + suffix)));
    }

    static void stripPrefixFromFiles(JsonNode node, String prefix) {
        if (node.isObject()) {
            ObjectNode object = (ObjectNode) node;
            if (object.has("file")) {
                object.put("file", object.get("file").asText().replace(prefix, ""));
            }
            object.elements().forEachRemaining(child -> stripPrefixFromFiles(child, prefix));
        } else if (node.isArray()) {
            node.elements().forEachRemaining(child -> stripPrefixFromFiles(child, prefix));
        }
    }
}
