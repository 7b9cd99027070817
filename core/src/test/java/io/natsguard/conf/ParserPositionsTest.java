package io.natsguard.conf;

import static org.assertj.core.api.Assertions.assertThat;

import io.natsguard.base.Position;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Positions for people: errors point at the true place (the server reports errors caused by a
 * newline or the end of input one line late), values at their key or themselves, columns in characters.
 */
class ParserPositionsTest {

    private final ConfParser parser = new ConfParser(Environment.of(Map.of("NUM", "[1, 2")));

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            trailing dot before newline            | a = 1.\\n                 | 1 | 7  | Parse error on line 2
            integer before ] breaks the array      | a = [1, 2]\\nb = 3\\n      | 2 | 3  | but got '=' instead
            unterminated map                       | m {\\n  a = 1\\n           | 3 | 1  | Unexpected EOF processing map.
            partial datetime                       | d = 2016-05-04\\n         | 1 | 15 | Expected 'T' in ISO8601 datetime
            missing variable                       | x = 1\\ny = $nope\\n       | 2 | 5  | variable reference for 'nope' on line 2 can not be found
            integer out of range                   | big = 9223372036854775808 | 1 | 7  | integer '9223372036854775808' is out of the range
            key without value                      | port = 4222\\ndebug\\n     | 2 | 1  | config is invalid (test.conf:3:1)
            bad escape                             | s = "a\\qb"               | 1 | 8  | Invalid escape character 'q'
            bad environment value                  | v = $NUM                  | 1 | 5  | variable reference for 'NUM' on line 1 could not be parsed
            column counts characters, not bytes    | ä = "x"; ü = 1.x          | 1 | 16 | Floats must have a digit after the '.'
            """)
    void errorsPointAtTheTruePlace(String name, String text, int line, int column, String wording) {
        ConfParseException e = error(text.replace("\\n", "\n"));
        assertThat(e.getMessage()).contains(wording);
        assertThat(e.position()).isEqualTo(new Position("test.conf", line, column));
    }

    @Test
    void aMapEntryIsFoundAtItsKeyAndItsValueAtItself() throws Exception {
        ConfValue root = parse("cluster {\n  routes = [\n    nats://a:6222\n    'nats://b:6222'\n  ]\n}\n");
        ConfValue routes = root.asMap().get("cluster").asMap().get("routes");
        assertThat(routes.position()).isEqualTo(new Position("test.conf", 2, 3));
        assertThat(routes.valuePosition()).isEqualTo(new Position("test.conf", 2, 12));
        assertThat(routes.asList().get(0).position()).isEqualTo(new Position("test.conf", 3, 5));
        assertThat(routes.asList().get(1).position()).isEqualTo(new Position("test.conf", 4, 6));
        // the server's own convention, kept alongside: byte offset, 1-based after line 1
        assertThat(routes.serverLine()).isEqualTo(2);
        assertThat(routes.serverColumn()).isEqualTo(3);
        assertThat(root.asMap().get("cluster").serverColumn()).isZero();
    }

    @Test
    void aReferencedValueIsFoundAtTheReference() throws Exception {
        ConfValue root = parse("URL = \"nats://x:6222\"\ncluster { routes = [ $URL ] }\n");
        ConfValue route = root.asMap().get("cluster").asMap().get("routes").asList().get(0);
        assertThat(route.value()).isEqualTo("nats://x:6222");
        assertThat(route.position()).isEqualTo(new Position("test.conf", 2, 22));
        assertThat(root.asMap().get("URL").usedVariable()).isTrue();
    }

    @Test
    void theInnerPartsOfAnEnvironmentValueHaveNoPosition() throws Exception {
        ConfValue root = new ConfParser(Environment.of(Map.of("LIST", "[2, a]"))).parse("test.conf",
                "list = $LIST\n".getBytes(StandardCharsets.UTF_8));
        ConfValue list = root.asMap().get("list");
        assertThat(list.position()).isEqualTo(new Position("test.conf", 1, 1));
        assertThat(list.asList().get(0).value()).isEqualTo(2L);
        assertThat(list.asList().get(0).position()).isNull();
        assertThat(list.asList().get(0).serverLine()).isEqualTo(ConfValue.UNKNOWN);
    }

    private ConfValue parse(String text) throws ConfParseException {
        return parser.parse("test.conf", text.getBytes(StandardCharsets.UTF_8));
    }

    private ConfParseException error(String text) {
        try {
            parse(text);
        } catch (ConfParseException e) {
            return e;
        }
        throw new AssertionError("expected an error for: " + text);
    }
}
