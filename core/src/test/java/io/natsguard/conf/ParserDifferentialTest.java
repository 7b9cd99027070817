package io.natsguard.conf;

import static io.natsguard.testing.JsonAssert.assertSameValue;
import static io.natsguard.testing.JsonAssert.readKeepingDuplicateKeys;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.natsguard.conf.NatsConfCorpusTest.Row;
import io.natsguard.testing.Corpus;
import io.natsguard.testing.GoConfOracle;
import io.natsguard.testing.GoConfOracle.Answer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every .conf file of the shared corpora nats-conf and nats-conf-2.11 through natsguard's parser and
 * through nats-server's own (v2.14.10, run live by {@link GoConfOracle}, one process per folder):
 * the same verdict, and for an accepted file the same typed tree and positions; for a refused one,
 * natsguard's message contains the server's. Unlike NatsConfCorpusTest, which reads answers stored
 * from v2.14.5, this holds the parser to the release it follows.
 */
class ParserDifferentialTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static Map<String, Answer> answers;

    static Stream<Arguments> rows() {
        return NatsConfCorpusTest.rows();
    }

    /** The files whose corpus row records a crash of the Go runtime: they end any process, so they run alone. */
    static Stream<Arguments> crashingRows() {
        return rows().filter(a -> crashes(NatsConfCorpusTest.row(a)));
    }

    static Stream<Arguments> batchedRows() {
        return rows().filter(a -> !crashes(NatsConfCorpusTest.row(a)));
    }

    private static boolean crashes(Row row) {
        return row.get("parse_error").startsWith("FATAL (Go runtime)");
    }

    /** The Go parser's answers for every row that does not crash it, by row name: one process per corpus folder. */
    private static synchronized Map<String, Answer> answers() {
        if (answers == null) {
            Map<Path, List<Row>> byFolder = batchedRows().map(NatsConfCorpusTest::row)
                    .collect(Collectors.groupingBy(Row::dir, LinkedHashMap::new, Collectors.toList()));
            answers = new LinkedHashMap<>();
            byFolder.forEach((dir, rows) -> {
                Map<String, Map<String, String>> files = new LinkedHashMap<>();
                rows.forEach(row -> files.put(row.get("path"), environment(row)));
                List<Answer> answered = GoConfOracle.parseFiles(dir, files);
                for (int i = 0; i < rows.size(); i++) {
                    answers.put(rows.get(i).name(), answered.get(i));
                }
            });
        }
        return answers;
    }

    @Test
    void everyConfFileOfBothFoldersHasARow() throws IOException {
        for (String folder : List.of("nats-conf", "nats-conf-2.11")) {
            Path dir = Corpus.relative(folder);
            Set<String> files;
            try (Stream<Path> walk = Files.walk(dir)) {
                files = walk.filter(f -> f.toString().endsWith(".conf"))
                        .map(f -> folder + "/" + dir.relativize(f)).collect(Collectors.toSet());
            }
            Set<String> named = rows().map(a -> NatsConfCorpusTest.row(a).name()).collect(Collectors.toSet());
            assertThat(named).containsAll(files);
        }
    }

    @ParameterizedTest
    @MethodSource("batchedRows")
    void natsguardAgreesWithTheGoParser(Row row) throws Exception {
        Answer go = answers().get(row.name());
        if (go.accepted()) {
            ConfValue root = NatsConfCorpusTest.parse(row);
            assertSameValue(go.tree(), readKeepingDuplicateKeys(ConfTreeJson.treeToString(root)));
            JsonNode positions = readKeepingDuplicateKeys(ConfTreeJson.positionsToString(root));
            NatsConfCorpusTest.stripPrefixFromFiles(positions, row.prefix());
            assertSameValue(go.positions(), positions);
            return;
        }
        assertThat(go.verdict()).as(go.error()).isEqualTo("error");
        ConfParseException e = catchThrowableOfType(ConfParseException.class, () -> NatsConfCorpusTest.parse(row));
        assertThat(e).as("refused by the Go parser with: %s", go.error()).isNotNull();
        assertThat(e.getMessage().replace(row.prefix(), "")).contains(go.error());
    }

    /**
     * v2.14.10 still has no include-cycle check: it dies of a stack overflow, where natsguard names
     * the cycle (a deliberate difference).
     */
    @ParameterizedTest
    @MethodSource("crashingRows")
    void theGoParserStillCrashesOnIncludeCycles(Row row) {
        GoConfOracle.ProcessResult go = GoConfOracle.parseFileAlone(row.dir(), row.get("path"));
        assertThat(go.exitCode()).isEqualTo(2);
        assertThat(go.stderr()).contains("fatal error: stack overflow");
        ConfParseException e = catchThrowableOfType(ConfParseException.class, () -> NatsConfCorpusTest.parse(row));
        assertThat(e.getMessage()).contains("include cycle: ");
    }

    private static Map<String, String> environment(Row row) {
        if (row.get("env").isBlank()) {
            return Map.of();
        }
        try {
            return JSON.readValue(row.get("env"), JSON.getTypeFactory().constructMapType(Map.class, String.class, String.class));
        } catch (IOException e) {
            throw new IllegalStateException("bad env cell of " + row.name(), e);
        }
    }
}
