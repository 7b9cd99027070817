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
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every file of the shared nats-conf corpus against what the real server's parser (v2.14.5,
 * pedantic) made of it: verdict, typed tree, positions and error wording.
 */
class NatsConfCorpusTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path DIR = Corpus.relative("nats-conf");
    /** The prefix our paths carry and the corpus's (relative to the corpus folder) do not. */
    private static final String PREFIX = DIR + "/";

    static Stream<Arguments> rows() {
        return Corpus.tsv(DIR.resolve("EXPECTED.tsv")).stream()
                .map(row -> Arguments.of(Named.of(row.get("path"), row)));
    }

    static Stream<Arguments> acceptedRows() {
        return rows().filter(a -> "ok".equals(row(a).get("parse")));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> row(Arguments a) {
        return ((Named<Map<String, String>>) a.get()[0]).getPayload();
    }

    @ParameterizedTest
    @MethodSource("rows")
    void verdictAndErrorWordingMatchTheServer(Map<String, String> row) {
        String expected = row.get("parse_error");
        if ("ok".equals(row.get("parse"))) {
            assertThat(parses(row)).as("accepted by the server").isTrue();
            return;
        }
        ConfParseException e = catchThrowableOfType(ConfParseException.class, () -> parse(row));
        assertThat(e).as("refused by the server with: %s", expected).isNotNull();
        String message = e.getMessage().replace(PREFIX, "");
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
    void treeMatchesTheServer(Map<String, String> row) throws Exception {
        assertSameValue(expectedJson(row, ".json"), JSON.readTree(ConfTreeJson.treeToString(parse(row))));
    }

    @ParameterizedTest
    @MethodSource("acceptedRows")
    void positionsMatchTheServer(Map<String, String> row) throws Exception {
        JsonNode actual = JSON.readTree(ConfTreeJson.positionsToString(parse(row)));
        stripPrefixFromFiles(actual);
        assertSameValue(expectedJson(row, ".pos.json"), actual);
    }

    private static ConfValue parse(Map<String, String> row) throws ConfParseException, IOException {
        Map<String, String> env = row.get("env").isBlank() ? Map.of()
                : JSON.readValue(row.get("env"), JSON.getTypeFactory().constructMapType(Map.class, String.class, String.class));
        return new ConfParser(Environment.of(env)).parseFile(PREFIX + row.get("path"));
    }

    private static boolean parses(Map<String, String> row) {
        try {
            parse(row);
            return true;
        } catch (ConfParseException e) {
            throw new AssertionError("refused: " + e.toDiagnostic(), e);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static JsonNode expectedJson(Map<String, String> row, String suffix) throws IOException {
        return JSON.readTree(Files.readString(DIR.resolve(row.get("path") + suffix)));
    }

    private static void stripPrefixFromFiles(JsonNode node) {
        if (node.isObject()) {
            ObjectNode object = (ObjectNode) node;
            if (object.has("file")) {
                object.put("file", object.get("file").asText().replace(PREFIX, ""));
            }
            object.elements().forEachRemaining(NatsConfCorpusTest::stripPrefixFromFiles);
        } else if (node.isArray()) {
            node.elements().forEachRemaining(NatsConfCorpusTest::stripPrefixFromFiles);
        }
    }
}
