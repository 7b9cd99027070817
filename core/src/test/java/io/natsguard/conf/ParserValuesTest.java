package io.natsguard.conf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.natsguard.base.Position;
import io.natsguard.limit.Limits;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Scalars as parse.go reads them, and natsguard's own limits exactly at their bounds. */
class ParserValuesTest {

    private static final long K = 1000;
    private static final long KI = 1024;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @CsvSource(textBlock = """
            3,      3
            -3,     -3
            3k,     3000
            3K,     3000
            3kb,    3072
            3KiB,   3072
            3ki,    3072
            3m,     3000000
            3mb,    3145728
            3mi,    3145728
            3mib,   3145728
            3g,     3000000000
            3gb,    3221225472
            3gi,    3221225472
            3gib,   3221225472
            3t,     3000000000000
            3tb,    3298534883328
            3ti,    3298534883328
            3tib,   3298534883328
            3p,     3000000000000000
            3pb,    3377699720527872
            3pi,    3377699720527872
            3pib,   3377699720527872
            3e,     3000000000000000000
            3eb,    3458764513820540928
            3ei,    3458764513820540928
            3eib,   3458764513820540928
            -2k,    -2000
            16eb,   0
            """)
    void sizeSuffixesMultiply(String written, long expected) throws Exception {
        assertThat(parse("a = " + written + "\n").asMap().get("a").value()).isEqualTo(expected);
    }

    @Test
    void theSuffixesAreThePowersOfAThousandAndOf1024() throws Exception {
        ConfValue root = parse("k = 1k\nm = 1m\ng = 1g\nt = 1t\np = 1p\ne = 1e\nkb = 1kb\nmb = 1mb\ngb = 1gb\ntb = 1tb\npb = 1pb\neb = 1eb\n");
        String[] decimal = {"k", "m", "g", "t", "p", "e"};
        for (int i = 0; i < decimal.length; i++) {
            assertThat(root.asMap().get(decimal[i]).value()).isEqualTo(pow(K, i + 1));
            assertThat(root.asMap().get(decimal[i] + "b").value()).isEqualTo(pow(KI, i + 1));
        }
    }

    @Test
    void anUnknownSuffixDropsTheValueAndItsKeyAsTheServerDoes() throws Exception {
        assertThat(parse("a = 1kbb\nb = 2\n").asMap()).containsOnlyKeys("b");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(textBlock = """
            1.5,       1.5
            -0.25,     -0.25
            0.0,       0.0
            10.000001, 10.000001
            """)
    void floats(String written, double expected) throws Exception {
        assertThat(parse("a = " + written + "\n").asMap().get("a").value()).isEqualTo(expected);
    }

    @Test
    void aFloatBeyondFloat64IsOutOfRange() {
        String huge = "1" + "0".repeat(400) + ".5";
        assertThatThrownBy(() -> parse("a = " + huge + "\n"))
                .hasMessage("float '" + huge + "' is out of the range");
        String tiny = "0." + "0".repeat(400) + "1";
        assertThatThrownBy(() -> parse("a = -" + huge + "\n")).hasMessageContaining("is out of the range");
        assertThat(parseQuietly("a = " + tiny + "\n").asMap().get("a").value()).isEqualTo(0.0);
    }

    @Test
    void mapsAndArraysStartAtTheirOpeningBracket() throws Exception {
        ConfValue root = parse("m = {a = 1}\nl = [ {b = 2} ]\n");
        assertThat(root.asMap().get("m").valuePosition()).isEqualTo(new Position("t.conf", 1, 5));
        assertThat(root.asMap().get("m").position()).isEqualTo(new Position("t.conf", 1, 1));
        assertThat(root.asMap().get("l").valuePosition()).isEqualTo(new Position("t.conf", 2, 5));
        assertThat(root.asMap().get("l").asList().get(0).valuePosition()).isEqualTo(new Position("t.conf", 2, 7));
    }

    @Test
    void nestingIsRefusedJustBeyondTheLimit() throws Exception {
        int limit = Parser.MAX_DEPTH;
        parse("a = " + "[".repeat(limit) + "]".repeat(limit) + "\n");
        assertThatThrownBy(() -> parse("a = " + "[".repeat(limit + 1) + "]".repeat(limit + 1) + "\n"))
                .hasMessageContaining("nested deeper than " + limit);
    }

    @Test
    void nestingCountsAcrossEnvironmentValues() throws Exception {
        int half = Parser.MAX_DEPTH / 2;
        String nested = "[".repeat(half) + "]".repeat(half);
        Map<String, String> env = Map.of("DEEP", nested, "DEEPER", "[" + nested + "]");
        String outer = "a = " + "[".repeat(half - 1) + "$DEEP" + "]".repeat(half - 1) + "\n";
        new ConfParser(Environment.of(env)).parse("t.conf", outer.getBytes(StandardCharsets.UTF_8));
        String beyond = outer.replace("$DEEP", "$DEEPER");
        assertThatThrownBy(() -> new ConfParser(Environment.of(env)).parse("t.conf", beyond.getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("nested deeper than " + Parser.MAX_DEPTH);
    }

    @Test
    void nestingCountsAcrossIncludes() throws Exception {
        int half = Parser.MAX_DEPTH / 2;
        Files.writeString(dir.resolve("deep.conf"), "x = " + "[".repeat(half) + "]".repeat(half) + "\n");
        Files.writeString(dir.resolve("ok.conf"), "m { ".repeat(half - 1) + "include deep.conf\n" + "}".repeat(half - 1) + "\n");
        Files.writeString(dir.resolve("beyond.conf"), "m { ".repeat(half) + "include deep.conf\n" + "}".repeat(half) + "\n");
        ConfParser parser = new ConfParser(Environment.of(Map.of()));
        parser.parseFile(dir.resolve("ok.conf").toString());
        assertThatThrownBy(() -> parser.parseFile(dir.resolve("beyond.conf").toString()))
                .hasMessageContaining("nested deeper than " + Parser.MAX_DEPTH);
    }

    @Test
    void includesAreRefusedJustBeyondTheirLimit() throws Exception {
        int files = Limits.DEFAULT.maxIncludeDepth() + 1;
        for (int i = 0; i < files; i++) {
            Files.writeString(dir.resolve("f" + i + ".conf"), i + 1 < files ? "include f" + (i + 1) + ".conf\n" : "a = 1\n");
        }
        ConfParser parser = new ConfParser(Environment.of(Map.of()));
        assertThat(parser.parseFile(dir.resolve("f0.conf").toString()).asMap()).containsOnlyKeys("a");
        Files.writeString(dir.resolve("f" + files + ".conf"), "a = 1\n");
        Files.writeString(dir.resolve("f" + (files - 1) + ".conf"), "include f" + files + ".conf\n");
        assertThatThrownBy(() -> parser.parseFile(dir.resolve("f0.conf").toString()))
                .hasMessageContaining("includes nested deeper than " + Limits.DEFAULT.maxIncludeDepth() + " files")
                .matches(e -> ((ConfParseException) e).limitExceeded());
    }

    @Test
    void anUnquotedIncludePathEndsAtAQuoteAndLexingGoesOn() throws Exception {
        Files.writeString(dir.resolve("inc.conf"), "a = 1\n");
        Files.writeString(dir.resolve("main.conf"), "include inc.conf' ; b = 2\n");
        ConfValue root = new ConfParser(Environment.of(Map.of())).parseFile(dir.resolve("main.conf").toString());
        assertThat(root.asMap()).containsOnlyKeys("a", "b");
    }

    @Test
    void aWholeConfigInBracesNestedAndFollowedByEntriesIsOneMap() throws Exception {
        ConfValue root = parse("{ { a = 1 } }\n{\n b: [x] # c\n}\n// d\nc = true\n");
        assertThat(tree(root)).isEqualTo(tree("{\"a\":1,\"b\":[\"x\"],\"c\":true}"));
    }

    @Test
    void aBlockThatIsNotClosedBeforeTheEndIsAcceptedAsTheServerDoes() throws Exception {
        assertThat(tree(parse("{ a = 1\n"))).isEqualTo(tree("{\"a\":1}"));
    }

    @Test
    void aValueAfterABlockEntryOnTheSameLineIsRefused() {
        assertThatThrownBy(() -> parse("{ a = 1 x }"))
                .hasMessageContaining("Expected a block-level value to end with a new line, comment or EOF, but got 'x' instead.");
    }

    @Test
    void aDurationWithADigitAfterItsSuffixIsAString() throws Exception {
        assertThat(parse("ping_interval = 1m30s\n").asMap().get("ping_interval").value()).isEqualTo("1m30s");
    }

    @Test
    void aVariableNotInTheConfigIsLookedUpInTheProcessEnvironment() throws Exception {
        String path = System.getenv("PATH");
        ConfValue root = new ConfParser(Environment.system()).parse("t.conf", "a = $PATH\n".getBytes(StandardCharsets.UTF_8));
        assertThat(root.asMap().get("a").value()).isEqualTo(path);
    }

    private static JsonNode tree(ConfValue root) throws IOException {
        return tree(ConfTreeJson.treeToString(root));
    }

    private static JsonNode tree(String json) throws IOException {
        return new ObjectMapper().readTree(json);
    }

    private static long pow(long base, int exponent) {
        long result = 1;
        for (int i = 0; i < exponent; i++) {
            result *= base;
        }
        return result;
    }

    private static ConfValue parseQuietly(String text) {
        try {
            return parse(text);
        } catch (ConfParseException e) {
            throw new AssertionError(e.toDiagnostic(), e);
        }
    }

    private static ConfValue parse(String text) throws ConfParseException {
        return new ConfParser(Environment.of(Map.of())).parse("t.conf", text.getBytes(StandardCharsets.UTF_8));
    }
}
