package io.natsguard.conf;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.natsguard.limit.Limits;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;

/**
 * Coverage-guided fuzzing of the lexer and parser (Jazzer): whatever the bytes, the result is a
 * tree that renders, or natsguard's own error with a position inside the input; never another
 * exception, a stack overflow or a hang, and never more output than the bounds allow. The input is
 * up to four files, split at 0xFF bytes (which no UTF-8 text holds): {@code main.conf}, then
 * {@code a.conf}, {@code b.conf}, {@code c.conf}, which may include each other and the fixed files
 * below, among them a chain that includes the next twice. Files are in memory: nothing is read
 * from disk. {@code mvn test} replays the seeds under {@code ParserFuzzTestInputs/}; the {@code fuzz}
 * execution of the build fuzzes for real.
 *
 * <p>It is also a differential fuzzer: every main file that includes nothing goes through
 * nats-server's own parser as well (v2.14.10, {@link GoParserDifferential}, in batches through one
 * Go process), and a difference in verdict, tree or positions fails.
 */
class ParserFuzzTest {

    /** Small bounds, so that whatever a fuzzed input stands for can be printed on every run. */
    private static final Limits SMALL = new Limits(64 << 10, 8, 256 << 10, 1 << 20, 100);
    /** Positions JSON writes about 150 bytes a value; a value weighs at least 8. */
    private static final long MAX_OUTPUT = 40 * SMALL.maxExpandedBytes();
    private static final Map<String, String> VARIABLES = Map.of(
            "NUM", "4222", "LIST", "[a, 2, true]", "SELF", "$SELF", "BAD", "[");
    private static final Environment ENVIRONMENT = Environment.of(VARIABLES);
    private static final Map<String, byte[]> FIXED = fixedFiles();
    private static final String[] NAMES = {"/conf/main.conf", "/conf/a.conf", "/conf/b.conf", "/conf/c.conf"};
    private static final GoParserDifferential DIFFERENTIAL = new GoParserDifferential(VARIABLES);

    @FuzzTest(maxDuration = "60s")
    void anyInputGivesATreeOrAPositionedError(byte[] input) throws IOException {
        Map<String, byte[]> files = new HashMap<>(FIXED);
        int start = 0;
        for (int file = 0; file < NAMES.length; file++) {
            int end = file == NAMES.length - 1 ? input.length : indexOf(input, (byte) 0xFF, start);
            files.put(NAMES[file], Arrays.copyOfRange(input, Math.min(start, input.length), end));
            start = end + 1;
        }
        IncludeReader inMemory = path -> {
            byte[] content = files.get(GoPaths.clean(path));
            if (content == null) {
                throw new IOException("open " + path + ": no such file or directory");
            }
            return content;
        };
        byte[] main = files.get(NAMES[0]);
        // An include reads the other fuzzed files, which the Go parser (given no files) cannot see.
        boolean comparable = !new String(main, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT).contains("include");
        try {
            ConfValue root = new ConfParser(ENVIRONMENT, inMemory, SMALL).parse(NAMES[0], main);
            CountingStream out = new CountingStream();
            ConfTreeJson.writePositions(root, out);
            ConfTreeJson.writeTree(root, out);
            assertThat(out.count).isLessThan(MAX_OUTPUT);
            if (comparable) {
                DIFFERENTIAL.accepted(main, root);
            }
        } catch (ConfParseException e) {
            if (comparable) {
                DIFFERENTIAL.refused(main, e);
            }
            assertThat(e.getMessage()).isNotBlank();
            assertThat(e.position().line()).isPositive();
            assertThat(e.position().column()).isPositive();
            assertThat(e.toDiagnostic()).doesNotContain("\n");
            if (e.limitExceeded()) {
                assertThat(e.getMessage()).contains("natsguard's bound");
            }
        }
    }

    /** The inputs of the last, incomplete batch. */
    @AfterAll
    static void compareTheRestWithTheGoParser() {
        try {
            DIFFERENTIAL.compare();
        } finally {
            DIFFERENTIAL.close();
            System.out.println("ParserFuzzTest: " + DIFFERENTIAL.compared() + " inputs compared with nats-server's parser");
        }
    }

    private static int indexOf(byte[] input, byte wanted, int from) {
        for (int i = from; i < input.length; i++) {
            if (input[i] == wanted) {
                return i;
            }
        }
        return input.length;
    }

    /** A file to include, and d0.conf .. d11.conf, each including the next twice: past the include depth. */
    private static Map<String, byte[]> fixedFiles() {
        Map<String, byte[]> files = new HashMap<>();
        files.put("/conf/inc.conf", "a = 1\nb { c = [1, 2 ] }\n".getBytes(StandardCharsets.UTF_8));
        for (int level = 0; level < 12; level++) {
            String next = "include d" + (level + 1) + ".conf\n";
            files.put("/conf/d" + level + ".conf", ("k" + level + " = " + level + "\n" + next + next).getBytes(StandardCharsets.UTF_8));
        }
        files.put("/conf/d12.conf", "end = true\n".getBytes(StandardCharsets.UTF_8));
        return Map.copyOf(files);
    }

    /** Counts what a print would write, without keeping it. */
    private static final class CountingStream extends OutputStream {
        private long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }
}
