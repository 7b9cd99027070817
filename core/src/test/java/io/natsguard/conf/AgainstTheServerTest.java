package io.natsguard.conf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.natsguard.base.Position;
import io.natsguard.testing.Peers;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.aggregator.ArgumentsAccessor;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Inputs beyond the corpus, one per path of the lexer and the parser, each checked against the real
 * nats-server ({@code nats-server -t}) of two releases: Debian's 2.9.10, the oldest users run, and the
 * newest pinned one ({@link Peers#NEWEST}), whose conf package the parser follows. A refused config gets
 * the server's own message, at the true place; an accepted one gets the top-level keys and positions the
 * server reports when it finds them to be unknown fields. Each row pins the verdict of both releases; a
 * last column, where present, is the newest's where it differs from 2.9.10's. (Which options each release
 * knows is OptionTablesAgainstServersTest's part.)
 *
 * <p>Inputs are written with {@code \n}, {@code \r}, {@code \t}, {@code \\} and {@code \xHH} (one byte).
 */
@Timeout(60)
class AgainstTheServerTest {

    private static final ConfParser PARSER = new ConfParser(Environment.of(Map.of()));

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = REFUSED)
    void refusedWithTheServersMessageAtTheTruePlace(String input, String message, int line, int column) {
        ConfParseException e = catchThrowableOfType(ConfParseException.class,
                () -> PARSER.parse("t.conf", bytes(input)));
        assertThat(e).as("refused").isNotNull();
        assertThat(e.getMessage()).isEqualTo(message);
        assertThat(e.position()).isEqualTo(new Position("t.conf", line, column));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = REFUSED)
    void theServerRefusesWithThatMessage(String input, String message, int line, int column, ArgumentsAccessor row) throws Exception {
        String newest = row.size() > 4 ? row.getString(4) : null;
        assertThat(serverCheck(Peers.DEBIAN, input)).as(Peers.DEBIAN).isEqualTo(message);
        assertThat(serverCheck(Peers.NEWEST, input)).as(Peers.NEWEST).isEqualTo(newest == null ? message : newest);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = ACCEPTED)
    void acceptedWithTheServersTopLevelKeysAndPositions(String input, String keys) throws Exception {
        ConfValue root = PARSER.parse("t.conf", bytes(input));
        String found = root.asMap().entrySet().stream()
                .map(e -> e.getKey() + "@" + e.getValue().serverLine() + ":" + e.getValue().serverColumn())
                .sorted().collect(Collectors.joining(" "));
        assertThat(found).isEqualTo(keys == null ? "" : keys);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = ACCEPTED)
    void theServerReportsThoseKeysAsUnknownFields(String input, String keys, ArgumentsAccessor row) throws Exception {
        String newest = row.size() > 2 ? row.getString(2) : null;
        String expected = keys == null ? "" : keys;
        assertThat(unknownFields(serverCheck(Peers.DEBIAN, input))).as(Peers.DEBIAN).isEqualTo(expected);
        assertThat(unknownFields(serverCheck(Peers.NEWEST, input))).as(Peers.NEWEST).isEqualTo(newest == null ? expected : newest);
    }

    /** The keys and places of the server's unknown-field lines, sorted. */
    private static String unknownFields(String verdict) {
        return Arrays.stream(verdict.split("\n"))
                .filter(l -> !l.endsWith(" is valid"))
                .map(l -> l.replaceAll("^t\\.conf:(\\d+):(\\d+): unknown field \"(.*)\"$", "$3@$1:$2"))
                .sorted().collect(Collectors.joining(" "));
    }

    private static final String REFUSED = """
            =a                       | Parse error on line 1: 'Unexpected key separator '=''                                             | 1 | 1
            /x                       | Parse error on line 1: 'Unexpected EOF.'                                                            | 1 | 2
            `"a`                     | Parse error on line 1: 'Unexpected EOF.'                                                            | 1 | 3
            a = 1 x                  | Parse error on line 1: 'Expected a top-level value to end with a new line, comment or EOF, but got 'x' instead.' | 1 | 7
            a = 1 /x                 | Parse error on line 1: 'Expected a top-level value to end with a new line, comment or EOF, but got 'x' instead.' | 1 | 8
            `a = "x" y`              | Parse error on line 1: 'Expected a top-level value to end with a new line, comment or EOF, but got 'y' instead.' | 1 | 9
            a = 'x' y                | Parse error on line 1: 'Expected a top-level value to end with a new line, comment or EOF, but got 'y' instead.' | 1 | 9
            a = x'y                  | Parse error on line 1: 'Expected a top-level value to end with a new line, comment or EOF, but got 'y' instead.' | 1 | 7
            include [x]              | Parse error on line 1: 'Expected include value but found start of an array'                         | 1 | 9
            include {x}              | Parse error on line 1: 'Expected include value but found start of a map'                            | 1 | 9
            include (x)              | Parse error on line 1: 'Expected include value but found start of a block'                          | 1 | 9
            include 5                | Parse error on line 1: 'Expected include value but found start of a number'                         | 1 | 9
            include -x               | Parse error on line 1: 'Expected include value but found start of a number'                         | 1 | 9
            include \\\\x            | Parse error on line 1: 'Expected include value but found escape sequence'                           | 1 | 9
            include\\n               | Parse error on line 2: 'Expected include value but found new line'                                  | 1 | 8
            `include "x`             | Parse error on line 1: 'Unexpected EOF in double quoted include'                                    | 1 | 11
            include 'x               | Parse error on line 1: 'Unexpected EOF in quoted include'                                           | 1 | 11
            a = .5                   | Parse error on line 1: 'Floats must start with a digit'                                             | 1 | 5
            a =\\n                   | Parse error on line 2: 'Expected value but found new line'                                          | 1 | 4
            a = [,]                  | Parse error on line 1: 'Unexpected array value terminator ','.'                                     | 1 | 6
            a = [/x]                 | Parse error on line 1: 'Unexpected array value terminator ','.'                                     | 1 | 7
            a = [1 x]                | Parse error on line 1: 'Expected an array value terminator "," or an array terminator "]", but got 'x' instead.' | 1 | 8
            a = [1 // c\\n 2]       | Parse error on line 2: 'Expected an array value terminator "," or an array terminator "]", but got '\u0000' instead.' | 2 | 4
            a = [1, 2]\\nb = 3 ]     | Parse error on line 2: 'Expected an array value terminator "," or an array terminator "]", but got '=' instead.' | 2 | 3
            m { = 1 }                | Parse error on line 1: 'Unexpected key separator '='.'                                              | 1 | 5
            m { ] }                  | Parse error on line 1: 'Unexpected array end ']' processing map.'                                   | 1 | 5
            m {                      | Parse error on line 1: 'Unexpected EOF processing map.'                                             | 1 | 4
            m { 'a                   | Parse error on line 1: 'Unexpected EOF processing quoted map key.'                                  | 1 | 7
            `m { "a`                 | Parse error on line 1: 'Unexpected EOF processing double quoted map key.'                           | 1 | 7
            m { a                    | Parse error on line 1: 'Unexpected EOF processing map key.'                                         | 1 | 6
            m { a = , }              | Parse error on line 1: 'Unexpected map value terminator ",".'                                       | 1 | 9
            m { a = 1 x }            | Parse error on line 1: 'Expected a map value terminator "," or a map terminator "}", but got 'x' instead.' | 1 | 11
            a = (\\nx                | Parse error on line 2: 'Unexpected EOF processing block.'                                          | 2 | 2
            a = 'x                   | Parse error on line 1: 'Unexpected EOF.'                                                            | 1 | 7
            `a = "x`                 | Parse error on line 1: 'Unexpected EOF.'                                                            | 1 | 7
            `a = "\\\\q"`            | Parse error on line 1: 'Invalid escape character 'q'. Only the following escape characters are allowed: \\xXX, \\t, \\n, \\r, \\", \\\\.' | 1 | 7
            `a = "\\\\x\\n"`         | Parse error on line 2: 'Expected two hexadecimal digits after '\\x', but hit end of line'           | 1 | 8
            `a = "\\\\x4\\n"`        | Parse error on line 2: 'Expected two hexadecimal digits after '\\x', but hit end of line'           | 1 | 9
            `a = "\\\\xzz"`          | Parse error on line 1: 'Expected two hexadecimal digits after '\\x', but got 'zz''                  | 1 | 9
            `a = "\\\\x0g"`          | Parse error on line 1: 'Expected two hexadecimal digits after '\\x', but got '0g''                  | 1 | 9
            `a = "\\\\xg0"`          | Parse error on line 1: 'Expected two hexadecimal digits after '\\x', but got 'g0''                  | 1 | 9
            a = 12-3                 | Parse error on line 1: 'All ISO8601 dates must be in full Zulu form.'                               | 1 | 7
            a = 2016-x               | Parse error on line 1: 'Expected digit in ISO8601 datetime, but found 'x' instead.'                 | 1 | 10
            a = 2016-05-04x          | Parse error on line 1: 'Expected 'T' in ISO8601 datetime, but found 'x' instead.'                   | 1 | 15
            a = 2016-05-04T01:02:03x | Parse error on line 1: 'Expected 'Z' in ISO8601 datetime, but found 'x' instead.'                   | 1 | 24
            a = -x                   | Parse error on line 1: 'Expected a digit but got 'x'.'                                              | 1 | 6
            a = -.5                  | Parse error on line 1: 'Floats must start with a digit, not '.'.'                                   | 1 | 6
            a = 1.x                  | Parse error on line 1: 'Floats must have a digit after the '.', but got 'x' instead.'               | 1 | 7
            \\xe2\\x80\\x83a = 1\\nb = 1.x | Parse error on line 2: 'Floats must have a digit after the '.', but got 'x' instead.'       | 2 | 7
            a = 1.\\xe2\\x80\\x83    | Parse error on line 1: 'Floats must have a digit after the '.', but got '\u2003' instead.'          | 1 | 7
            a = 1.\\xc3\\xa9         | Parse error on line 1: 'Floats must have a digit after the '.', but got 'é' instead.'               | 1 | 7
            a = 1.\\xdf\\xbf         | Parse error on line 1: 'Floats must have a digit after the '.', but got '\u07ff' instead.'          | 1 | 7
            a = 1.\\xc2\\x80         | Parse error on line 1: 'Floats must have a digit after the '.', but got '\u0080' instead.'          | 1 | 7
            a = 1.\\xe1\\x80\\x80    | Parse error on line 1: 'Floats must have a digit after the '.', but got '\u1000' instead.'          | 1 | 7
            a = 1.\\xef\\xbf\\xbf    | Parse error on line 1: 'Floats must have a digit after the '.', but got '\uffff' instead.'          | 1 | 7
            a = 1.\\xf0\\x9f\\x98\\x80 | Parse error on line 1: 'Floats must have a digit after the '.', but got '\ud83d\ude00' instead.' | 1 | 7
            a = 1.\\xf4\\x8f\\xbf\\xbf | Parse error on line 1: 'Floats must have a digit after the '.', but got '\udbff\udfff' instead.' | 1 | 7
            a = 1.\\xe2\\x82         | Parse error on line 1: 'Floats must have a digit after the '.', but got '\ufffd' instead.'          | 1 | 7
            a = 1.\\xc3              | Parse error on line 1: 'Floats must have a digit after the '.', but got '\ufffd' instead.'          | 1 | 7
            a = 1.\\xc2\\xc0         | Parse error on line 1: 'Floats must have a digit after the '.', but got '\ufffd' instead.'          | 1 | 7
            a = 1.\\xc0\\xaf         | Parse error on line 1: 'Floats must have a digit after the '.', but got '\ufffd' instead.'          | 1 | 7
            a = 1.\\xe0\\x80\\x80    | Parse error on line 1: 'Floats must have a digit after the '.', but got '\ufffd' instead.'          | 1 | 7
            a = 1.\\xed\\xa0\\x80    | Parse error on line 1: 'Floats must have a digit after the '.', but got '\ufffd' instead.'          | 1 | 7
            a = 1.\\xe1\\x7f\\x80    | Parse error on line 1: 'Floats must have a digit after the '.', but got '\ufffd' instead.'          | 1 | 7
            a = 1.\\xe1\\x80\\xc0    | Parse error on line 1: 'Floats must have a digit after the '.', but got '\ufffd' instead.'          | 1 | 7
            a = 1.\\xf0\\x80\\x80\\x80 | Parse error on line 1: 'Floats must have a digit after the '.', but got '\ufffd' instead.'        | 1 | 7
            a = 1.\\xf4\\x90\\x80\\x80 | Parse error on line 1: 'Floats must have a digit after the '.', but got '\ufffd' instead.'        | 1 | 7
            a = 1.\\xf1\\x80\\x80\\xc0 | Parse error on line 1: 'Floats must have a digit after the '.', but got '\ufffd' instead.'        | 1 | 7
            a = 1.\\xf5\\x80\\x80\\x80 | Parse error on line 1: 'Floats must have a digit after the '.', but got '\ufffd' instead.'        | 1 | 7
            a = 1.\\x80              | Parse error on line 1: 'Floats must have a digit after the '.', but got '\ufffd' instead.'          | 1 | 7
            a = 1.\\xff              | Parse error on line 1: 'Floats must have a digit after the '.', but got '\ufffd' instead.'          | 1 | 7
            a = 1.\\xd9\\xa3         | expected float, but got '1.\u0663'                                                                  | 1 | 5
            a = \\xd9\\xa3\\xd9\\xa3 | expected integer, but got '\u0663\u0663'                                                            | 1 | 5
            a = 1\\xd9\\xa3          | expected integer, but got '1\u0663'                                                                 | 1 | 5
            a = 2016-13-45T01:02:03Z | expected Zulu formatted DateTime, but got '2016-13-45T01:02:03Z'                                    | 1 | 5
            a = 2016-02-30T01:02:03Z | expected Zulu formatted DateTime, but got '2016-02-30T01:02:03Z'                                    | 1 | 5
            a = $b                   | variable reference for 'b' on line 1 can not be found                                               | 1 | 5
            include ;                | error parsing include file '', read .: is a directory                                              | 1 | 9
            include a' ; b = 1       | error parsing include file 'a', open a: no such file or directory                                  | 1 | 9
            """;

    private static final String ACCEPTED = """
            a { b }                     | b@1:4
            m { /a = 1 }                | m@1:0
            a = [1 /x]                  | a@1:0
            m { a = 1 /b = 2 }          | m@1:0
            m { a = 1 // c\\n }         | m@1:0
            a = 1kbb\\nb = 2            | b@2:1
            \\xe2\\x80\\x83a = 1\\n\\xe2\\x80\\xa8b = 2 | a@1:3 b@2:4
            {\\n  a = 1\\n}\\n          | a@2:3
            `"a b" = 1; 'c' : 2`        | a b@1:1 c@1:12
            a = 1 // c\\n# d\\nb=2      | a@1:0 b@3:1
            a = 1\\r\\nb = 2\\r\\n      | a@1:0 b@2:1
            a = (\\n x)\\n)\\nb = 1     | a@1:0 b@4:1
            a = "x\\\\"y"\\nb = 1       | a@1:0 b@2:1
            a = 2016-05-04T01:02:03Z, b = 1.5; c = -2 | a@1:0 b@1:26 c@1:35
            `"`                         |           | t.conf: config has no values or is empty
            `"a"1`                      | a@1:1
            a = x' ; b = 1              | a@1:0 b@1:9
            a = (\\n)x\\n)\\nb = 1       | a@1:0 b@4:1
            """;

    /** The server's verdict: the first line of its error, or its unknown-field lines, without its prefix. */
    private String serverCheck(String release, String input) throws Exception {
        Files.write(dir.resolve("t.conf"), bytes(input));
        Process server = new ProcessBuilder(Peers.natsServer(release).toString(), "-t", "-c", "t.conf")
                .directory(dir.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            server.getErrorStream().transferTo(err);
            assertThat(server.waitFor(20, TimeUnit.SECONDS)).as("nats-server -t ended").isTrue();
            return err.toString(StandardCharsets.UTF_8).strip().replace("nats-server: ", "");
        } finally {
            server.destroyForcibly();
        }
    }

    /** The input's bytes: {@code \xHH} is one byte, the rest is UTF-8. */
    static byte[] bytes(String input) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < input.length(); i++) {
            char c = input.charAt(i);
            if (c != '\\') {
                out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
                continue;
            }
            char e = input.charAt(++i);
            switch (e) {
                case 'n' -> out.write('\n');
                case 'r' -> out.write('\r');
                case 't' -> out.write('\t');
                case '\\' -> out.write('\\');
                case 'x' -> {
                    out.write(Integer.parseInt(input.substring(i + 1, i + 3), 16));
                    i += 2;
                }
                default -> throw new IllegalArgumentException("unknown escape \\" + e + " in " + input);
            }
        }
        return out.toByteArray();
    }
}
