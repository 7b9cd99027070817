package io.natsguard.source;

import io.natsguard.base.Position;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * Go template text (Helm, consul-template, gomplate): it holds {@code {{ ... }}} actions. A NATS
 * subject mapping's functions ({@code {{wildcard(1)}}}, {@code {{partition(3,1)}}}) are written the
 * same way but are part of a config: a name followed by its arguments in parentheses, which no Go
 * template action is; nor is {@code {{ }}} with nothing inside (Go's template parser refuses it), as a
 * comment that mentions the syntax writes it.
 */
public final class GoTemplate {

    private static final Pattern MAPPING_FUNCTION = Pattern.compile("\\s*[A-Za-z]\\w*\\(.*\\)\\s*", Pattern.DOTALL);

    private GoTemplate() {
    }

    /** The line (1-based) of the first Go template action in the text, if it holds one. */
    public static OptionalInt firstActionLine(String text) {
        int open = text.indexOf("{{");
        while (open >= 0) {
            int close = text.indexOf("}}", open + 2);
            if (close < 0) {
                return OptionalInt.empty(); // no action is ever closed past here
            }
            String action = text.substring(open + 2, close);
            if (!action.isBlank() && !MAPPING_FUNCTION.matcher(action).matches()) {
                return OptionalInt.of(lineOf(text, open));
            }
            open = text.indexOf("{{", close + 2);
        }
        return OptionalInt.empty();
    }

    /** The note for a template source at {@code at}: it is not read as what it will become. */
    public static InputProblem note(Position at, String what) {
        return InputProblem.note(at, what + " is a template source (Go template actions {{ }}), not checked: "
                + "lint what it renders to");
    }

    private static int lineOf(String text, int offset) {
        int line = 1;
        for (int i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
            line++;
        }
        return line;
    }
}
