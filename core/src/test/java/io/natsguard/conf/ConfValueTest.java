package io.natsguard.conf;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a value knows of where it came from: its written form, a variable, the environment. */
class ConfValueTest {

    private static final String TEXT = "a = 2m, b = [10s]\nc = x#c\nd = 'q r'\ne = $a\nf = $ENV_LIST\ng = $ENV_MAP\nh\t= 1}\n";

    private final ConfValue root = parse(TEXT);

    @Test
    void aValueIsShownAsItIsWritten() {
        assertThat(value("a").value()).isEqualTo(2_000_000L);
        assertThat(value("a").writtenAs()).isEqualTo("2m");
        assertThat(value("b").asList().get(0).writtenAs()).isEqualTo("10s");
        assertThat(value("c").writtenAs()).isEqualTo("x");
        assertThat(value("h").writtenAs()).isEqualTo("1");
        assertThat(value("b").writtenAs()).isEqualTo("[10s");
        assertThat(value("a").toString()).isEqualTo("int:2000000");
        assertThat(value("d").toString()).isEqualTo("string:q r");
    }

    @Test
    void aStringKnowsWhetherItWasWrittenInQuotes() {
        Map<String, ConfValue> map = parse("a = 1m30s\nb = \"1m30s\"\nc = '1m30s'\nd = \"x\\ty\"\ne: 30\nf = [\"s\", s]\n").asMap();
        assertThat(map.get("a").writtenQuoted()).isFalse();
        assertThat(map.get("b").writtenQuoted()).isTrue();
        assertThat(map.get("c").writtenQuoted()).isTrue();
        assertThat(map.get("d").writtenQuoted()).isTrue();
        assertThat(map.get("e").writtenQuoted()).isFalse();
        assertThat(map.get("f").asList()).extracting(ConfValue::writtenQuoted).containsExactly(true, false);
    }

    @Test
    void theWrittenTokenEndsAtASeparatorOrTheEndOfInput() {
        SourceFile source = new SourceFile("t.conf", "ab;c\td\re,f]g}h#i j\nk".getBytes(StandardCharsets.UTF_8));
        assertThat(source.tokenAt(0)).isEqualTo("ab");
        assertThat(source.tokenAt(3)).isEqualTo("c");
        assertThat(source.tokenAt(5)).isEqualTo("d");
        assertThat(source.tokenAt(7)).isEqualTo("e");
        assertThat(source.tokenAt(9)).isEqualTo("f");
        assertThat(source.tokenAt(11)).isEqualTo("g");
        assertThat(source.tokenAt(13)).isEqualTo("h");
        assertThat(source.tokenAt(15)).isEqualTo("i");
        assertThat(source.tokenAt(17)).isEqualTo("j");
        assertThat(source.tokenAt(19)).isEqualTo("k");
        assertThat(source.tokenAt(18)).isEmpty();
        assertThat(source.tokenAt(20)).isEmpty();
        assertThat(source.tokenAt(-1)).isEmpty();
    }

    @Test
    void aReferenceToTheConfigIsViaAVariableButNotFromTheEnvironment() {
        assertThat(value("e").value()).isEqualTo(2_000_000L);
        assertThat(value("e").viaVariable()).isTrue();
        assertThat(value("e").fromEnvironment()).isFalse();
        assertThat(value("e").writtenAs()).isEqualTo("$a");
        assertThat(value("a").viaVariable()).isFalse();
        assertThat(value("a").fromEnvironment()).isFalse();
        assertThat(value("a").usedVariable()).isTrue();
        assertThat(value("c").usedVariable()).isFalse();
    }

    @Test
    void anEnvironmentValueIsTypedAndItsInsideHasNoPlaceInTheFile() {
        ConfValue list = value("f");
        assertThat(list.fromEnvironment()).isTrue();
        assertThat(list.viaVariable()).isTrue();
        assertThat(list.writtenAs()).isEqualTo("$ENV_LIST");
        assertThat(list.asList()).extracting(ConfValue::value).containsExactly(1L, "x");
        ConfValue inner = list.asList().get(0);
        assertThat(inner.source()).isNull();
        assertThat(inner.writtenAs()).isEmpty();
        assertThat(inner.position()).isNull();
        assertThat(inner.fromEnvironment()).isTrue();

        ConfValue map = value("g");
        assertThat(map.asMap().keySet()).containsExactly("k", "j");
        assertThat(map.asMap().get("k").value()).isEqualTo(true);
        assertThat(map.asMap().get("j").asMap().get("n").value()).isEqualTo(1.5);
        assertThat(map.asMap().get("j").asMap().get("n").serverLine()).isEqualTo(ConfValue.UNKNOWN);
    }

    @Test
    void typesHaveTheNamesOfTheServersTooling() {
        assertThat(ConfValue.Type.values()).extracting(ConfValue.Type::jsonName)
                .containsExactly("map", "array", "string", "int", "float", "bool", "datetime");
    }

    private ConfValue value(String key) {
        return root.asMap().get(key);
    }

    private static ConfValue parse(String text) {
        try {
            return new ConfParser(Environment.of(Map.of("ENV_LIST", "[1, x]", "ENV_MAP", "{k: yes, j {n: 1.5}}")))
                    .parse("t.conf", text.getBytes(StandardCharsets.UTF_8));
        } catch (ConfParseException e) {
            throw new AssertionError(e.toDiagnostic(), e);
        }
    }
}
