package io.natsguard.conf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.natsguard.base.Position;
import io.natsguard.base.Visible;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A refusal as one line: position, message with control characters made visible, the include trail. */
class ConfParseExceptionTest {

    @TempDir
    Path dir;

    @Test
    void controlCharactersAreShownAsEscapes() {
        assertThat(Visible.of("\0|\n|\r|\t|\u0001|\u001f|\u007f|\u0085|\u009b|\u2028|\u2029|\u202e"))
                .isEqualTo("\\0|\\n|\\r|\\t|\\x01|\\x1f|\\x7f|\\u0085|\\u009b|\\u2028|\\u2029|\\u202e");
        assertThat(Visible.of(" ~é😀\u00a0")).isEqualTo(" ~é😀\u00a0");
        assertThat(Visible.of("")).isEmpty();
    }

    @Test
    void theDiagnosticIsOneLine() {
        ConfParseException e = new ConfParseException("but got '\0' instead\n", new Position("a.conf", 2, 3));
        assertThat(e.toDiagnostic()).isEqualTo("a.conf:2:3: error: but got '\\0' instead\\n");
        assertThat(e.includedFrom()).isEmpty();
    }

    @Test
    void anErrorTwoIncludesDeepNamesEachDirectiveInnermostFirst() throws Exception {
        Files.writeString(dir.resolve("c.conf"), "x = 1\ny = .5\n");
        Files.writeString(dir.resolve("b.conf"), "include c.conf\n");
        Files.writeString(dir.resolve("a.conf"), "z = 0\n  include 'b.conf'\n");
        String a = dir.resolve("a.conf").toString();
        String b = dir.resolve("b.conf").toString();
        String c = dir.resolve("c.conf").toString();
        ConfParseException e = catchThrowableOfType(ConfParseException.class,
                () -> new ConfParser(Environment.of(Map.of())).parseFile(a));
        assertThat(e.getMessage()).isEqualTo("error parsing include file 'b.conf', error parsing include file 'c.conf', "
                + "Parse error on line 2: 'Floats must start with a digit'");
        assertThat(e.position()).isEqualTo(new Position(c, 2, 5));
        assertThat(e.includedFrom()).containsExactly(new Position(b, 1, 9), new Position(a, 2, 12));
        assertThat(e.toDiagnostic()).isEqualTo(c + ":2:5: error: " + e.getMessage()
                + " (included from " + b + ":1:9) (included from " + a + ":2:12)");
    }

    @Test
    void aMissingIncludeFailsAtItsDirectiveWhichIsNotRepeatedInTheTrail() throws Exception {
        Files.writeString(dir.resolve("a.conf"), "include nope.conf\n");
        String a = dir.resolve("a.conf").toString();
        ConfParseException e = catchThrowableOfType(ConfParseException.class,
                () -> new ConfParser(Environment.of(Map.of())).parseFile(a));
        assertThat(e.position()).isEqualTo(new Position(a, 1, 9));
        assertThat(e.includedFrom()).isEqualTo(List.of());
    }
}
