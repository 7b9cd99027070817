package io.natsguard.conf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.natsguard.base.Position;
import io.natsguard.limit.Limits;
import io.natsguard.limit.ReadScope;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Hostile and broken input: each gives a clear, positioned error or a correct parse, never a crash or a hang. */
@Timeout(60)
class ParserRobustnessTest {

    private final ConfParser parser = new ConfParser(Environment.of(Map.of()));

    @TempDir
    Path dir;

    @Test
    void tenThousandNestedArraysGiveAClearError() {
        String text = "a = " + "[".repeat(10_000) + "]".repeat(10_000) + "\n";
        assertThatThrownBy(() -> parse(text))
                .isInstanceOf(ConfParseException.class)
                .hasMessageContaining("nested deeper than 1000 levels")
                .satisfies(e -> assertThat(((ConfParseException) e).position().line()).isEqualTo(1));
    }

    @Test
    void tenThousandNestedMapsGiveAClearError() {
        String text = "a = " + "{b = ".repeat(10_000) + "1" + "}".repeat(10_000) + "\n";
        assertThatThrownBy(() -> parse(text)).hasMessageContaining("nested deeper than 1000 levels");
    }

    @Test
    void unterminatedDeepNestingGivesAClearError() {
        assertThatThrownBy(() -> parse("a = " + "[".repeat(10_000))).isInstanceOf(ConfParseException.class);
        assertThatThrownBy(() -> parse("a " + "{b ".repeat(10_000))).isInstanceOf(ConfParseException.class);
    }

    @Test
    void nestingWithinTheLimitParses() throws Exception {
        ConfValue root = parse("a = " + "[".repeat(500) + "1, " + "]".repeat(500) + "\n");
        ConfValue v = root.asMap().get("a");
        for (int i = 1; i < 500; i++) {
            v = v.asList().get(0);
        }
        assertThat(v.asList().get(0).value()).isEqualTo(1L);
    }

    @Test
    void anIncludeCycleIsNamed() throws IOException {
        Files.writeString(dir.resolve("a.conf"), "x = 1\ninclude b.conf\n");
        Files.writeString(dir.resolve("b.conf"), "include 'a.conf'\n");
        ConfParseException e = parseFileError(dir.resolve("a.conf"));
        assertThat(e.getMessage()).contains("include cycle: ").contains("a.conf -> ").contains("b.conf -> ");
        assertThat(e.position()).isEqualTo(new Position(dir.resolve("b.conf").toString(), 1, 10));
        assertThat(e.includedFrom()).containsExactly(new Position(dir.resolve("a.conf").toString(), 2, 9));
    }

    @Test
    void aFileIncludingItselfIsACycle() throws IOException {
        Files.writeString(dir.resolve("self.conf"), "include ./self.conf\n");
        assertThat(parseFileError(dir.resolve("self.conf")).getMessage()).contains("include cycle");
    }

    @Test
    void theSameFileIncludedTwiceIsNoCycle() throws Exception {
        Files.writeString(dir.resolve("part.conf"), "p = 1\n");
        Files.writeString(dir.resolve("main.conf"), "a { include part.conf }\nb { include part.conf }\n");
        ConfValue root = parser.parseFile(dir.resolve("main.conf").toString());
        assertThat(root.asMap().get("b").asMap().get("p").value()).isEqualTo(1L);
    }

    @Test
    void aMissingIncludeNamesThePathAndTheDirective() throws IOException {
        Files.writeString(dir.resolve("main.conf"), "port = 4222\n  include nope.conf\n");
        ConfParseException e = parseFileError(dir.resolve("main.conf"));
        assertThat(e.getMessage()).isEqualTo("error parsing include file 'nope.conf', open "
                + dir.resolve("nope.conf") + ": no such file or directory");
        assertThat(e.position()).isEqualTo(new Position(dir.resolve("main.conf").toString(), 2, 11));
    }

    @Test
    void aDirectoryAsIncludeIsAnError() throws IOException {
        Files.createDirectory(dir.resolve("sub"));
        Files.writeString(dir.resolve("main.conf"), "include sub\n");
        assertThat(parseFileError(dir.resolve("main.conf")).getMessage()).endsWith("sub: is a directory");
    }

    @Test
    void aFifoOrADeviceAsIncludeIsAnErrorNotAHang() throws Exception {
        Process mkfifo = new ProcessBuilder("mkfifo", dir.resolve("pipe.conf").toString()).start();
        assertThat(mkfifo.waitFor()).isZero();
        Files.writeString(dir.resolve("main.conf"), "include pipe.conf\n");
        assertThat(parseFileError(dir.resolve("main.conf")).getMessage()).endsWith("pipe.conf: not a regular file");
        String up = "../".repeat(dir.getNameCount());
        Files.writeString(dir.resolve("zero.conf"), "include " + up + "dev/zero\n");
        assertThat(parseFileError(dir.resolve("zero.conf")).getMessage()).endsWith("/dev/zero: not a regular file");
    }

    @Test
    void aSandboxedReaderRefusesIncludesThatClimbOut() throws Exception {
        Path inside = Files.createDirectories(dir.resolve("inside"));
        Files.writeString(dir.resolve("secret.conf"), "password: s3cret\n");
        Files.createSymbolicLink(inside.resolve("link.conf"), dir.resolve("secret.conf"));
        Files.writeString(inside.resolve("ok.conf"), "a = 1\n");
        ConfParser sandboxed = new ConfParser(Environment.of(Map.of()), IncludeReader.within(ReadScope.of(List.of(inside)), Limits.DEFAULT));
        String main = inside.resolve("main.conf").toString();
        assertThatThrownBy(() -> sandboxed.parse(main, "include ../secret.conf\n".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("outside the scanned folders (" + inside.toAbsolutePath() + ")");
        assertThatThrownBy(() -> sandboxed.parse(main, "include link.conf\n".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("a link out of");
        assertThat(sandboxed.parse(main, "include ok.conf\n".getBytes(StandardCharsets.UTF_8)).asMap()).containsKey("a");
    }

    @Test
    void anUnreadableIncludeIsAnError() throws IOException {
        assumeFalse("root".equals(System.getProperty("user.name")), "root reads any file");
        Path secret = Files.writeString(dir.resolve("secret.conf"), "a = 1\n");
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("---------"));
        Files.writeString(dir.resolve("main.conf"), "include secret.conf\n");
        assertThat(parseFileError(dir.resolve("main.conf")).getMessage()).endsWith("permission denied");
    }

    @Test
    void anErrorInAnIncludedFileIsPlacedInThatFile() throws IOException {
        Files.writeString(dir.resolve("inner.conf"), "a = 1\nb = [1, 2]\nc = 3\n");
        Files.writeString(dir.resolve("main.conf"), "x = 0\ninclude inner.conf\n");
        ConfParseException e = parseFileError(dir.resolve("main.conf"));
        assertThat(e.getMessage()).startsWith("error parsing include file 'inner.conf', Parse error on line 3:");
        assertThat(e.position()).isEqualTo(new Position(dir.resolve("inner.conf").toString(), 3, 3));
        assertThat(e.toDiagnostic()).endsWith("(included from " + dir.resolve("main.conf") + ":2:9)");
    }

    @Test
    void invalidUtf8ParsesAsTheServerReadsIt() throws Exception {
        byte[] text = {'a', ' ', '=', ' ', (byte) 0xFF, (byte) 0xFE, 'x', '\n', 'b', '=', '"', (byte) 0xC3, '"', '\n'};
        ConfValue root = parser.parse("bad-utf8.conf", text);
        assertThat((String) root.asMap().get("a").value()).isEqualTo("\uDCFF\uDCFEx");
        assertThat((String) root.asMap().get("b").value()).isEqualTo("\uDCC3");
        assertThat(ConfTreeJson.treeToString(root)).contains("\"a\": \"\uFFFD\uFFFDx\"", "\"b\": \"\uFFFD\"");
    }

    /** Names compare as the server's byte strings: bytes that are not UTF-8 tell keys apart, from each other and from U+FFFD. */
    @Test
    void keysThatDifferOnlyInInvalidUtf8AreTwoKeys() throws Exception {
        byte[] text = AgainstTheServerTest.bytes("\\x98 = 1\n\\xf6 = 2\n\\xef\\xbf\\xbd = 3\n");
        ConfValue root = parser.parse("keys.conf", text);
        assertThat(root.asMap()).containsOnlyKeys("\uDC98", "\uDCF6", "\uFFFD");
        // In Go's order, by bytes: 98 < ef bf bd < f6.
        assertThat(ConfTreeJson.treeToString(root)).isEqualTo("{\n  \"\uFFFD\": 1,\n  \"\uFFFD\": 3,\n  \"\uFFFD\": 2\n}");
    }

    @Test
    void aVariableWrittenWithAnInvalidByteFindsOnlyThatByte() throws Exception {
        byte[] text = AgainstTheServerTest.bytes("\\xef\\xbf\\xbd = 1\nx = $\\xff\n");
        assertThatThrownBy(() -> parser.parse("var.conf", text))
                .hasMessage("variable reference for '\uFFFD' on line 2 can not be found");
        assertThat(parser.parse("var.conf", AgainstTheServerTest.bytes("\\xff = 1\nx = $\\xff\n")).asMap().get("x").value())
                .isEqualTo(1L);
    }

    @Test
    void aNulByteEndsInputLikeTheServer() {
        assertThatThrownBy(() -> parse("a = 1\n\0b = 2\n")).hasMessageContaining("Unexpected EOF.");
    }

    @Test
    void aFiftyMegabyteFileParses() throws Exception {
        StringBuilder text = new StringBuilder(52 * 1024 * 1024);
        int entries = 0;
        while (text.length() < 50 * 1024 * 1024) {
            text.append("user_").append(entries++).append(" { password: \"s3cr3t-").append(entries)
                    .append("\", permissions: { publish: [\"a.>\", \"b.*\"] } }\n");
        }
        long start = System.nanoTime();
        Limits roomy = new Limits(64L << 20, 16, 64L << 20, 256L << 20, 1000);
        ConfValue root = new ConfParser(Environment.of(Map.of()), IncludeReader.files(roomy), roomy)
                .parse("big.conf", text.toString().getBytes(StandardCharsets.UTF_8));
        assertThat(root.asMap()).hasSize(entries);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(50));
    }

    @Test
    void anEnvironmentVariableCycleIsNamed() {
        ConfParser withCycle = new ConfParser(Environment.of(Map.of("A", "$B", "B", "[1, $A]")));
        assertThatThrownBy(() -> withCycle.parse("env.conf", "x = $A\n".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("variable reference cycle for 'A'");
    }

    private ConfValue parse(String text) throws ConfParseException {
        return parser.parse("test.conf", text.getBytes(StandardCharsets.UTF_8));
    }

    private ConfParseException parseFileError(Path file) {
        try {
            parser.parseFile(file.toString());
        } catch (ConfParseException e) {
            return e;
        }
        throw new AssertionError("expected " + file + " to be refused");
    }
}
