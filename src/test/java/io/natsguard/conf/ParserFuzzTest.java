package io.natsguard.conf;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.natsguard.limit.Limits;
import io.natsguard.limit.ReadScope;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Coverage-guided fuzzing of the lexer and parser (Jazzer): whatever the bytes, the result is a
 * tree that renders, or natsguard's own error with a position inside the input; never another
 * exception, a stack overflow or a hang. {@code mvn test} replays the seeds under
 * {@code ParserFuzzTestInputs/}; the {@code fuzz} execution of the build fuzzes for real.
 */
class ParserFuzzTest {

    private static final Path SANDBOX = sandbox();
    /** Includes are read below the sandbox only: the fuzzer must not read (or be flagged for reading) the machine's files. */
    private static final ConfParser PARSER = new ConfParser(Environment.of(Map.of(
            "NUM", "4222", "LIST", "[a, 2, true]", "SELF", "$SELF", "BAD", "[")), IncludeReader.within(ReadScope.of(List.of(SANDBOX)), Limits.DEFAULT.maxFileBytes()));

    @FuzzTest(maxDuration = "60s")
    void anyInputGivesATreeOrAPositionedError(byte[] input) throws IOException {
        String name = SANDBOX.resolve("fuzz.conf").toString();
        try {
            ConfValue root = PARSER.parse(name, input);
            ConfTreeJson.writePositions(root, OutputStream.nullOutputStream());
            ConfTreeJson.writeTree(root, OutputStream.nullOutputStream());
        } catch (ConfParseException e) {
            assertThat(e.getMessage()).isNotBlank();
            assertThat(e.position().line()).isPositive();
            assertThat(e.position().column()).isPositive();
            assertThat(e.toDiagnostic()).doesNotContain("\n");
        }
    }

    /** A folder with one file to include, so that include directives reach real files too. */
    private static Path sandbox() {
        try {
            Path dir = Files.createTempDirectory("natsguard-fuzz");
            Files.writeString(dir.resolve("inc.conf"), "a = 1\nb { c = [1, 2 ] }\n");
            dir.toFile().deleteOnExit();
            dir.resolve("inc.conf").toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
