package io.natsguard.base;

/**
 * Text taken from input (a file name, a key, a quoted value) made safe for a terminal or a CI log:
 * control characters become escapes, so that they can neither drive the terminal (ESC starts an
 * escape sequence, 0x9B a C1 one) nor end a line and forge the next (LF, CR, NEL, U+2028, U+2029),
 * and bidirectional overrides cannot reorder what is shown.
 */
public final class Visible {

    private Visible() {
    }

    /**
     * {@code \0} (the lexer quotes NUL at the end of input), {@code \n}, {@code \r}, {@code \t};
     * {@code \x1b} for the other C0 controls and DEL; {@code \u0085} for C1 and the rest.
     */
    public static String of(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String escape = escape(c);
            if (escape != null && out == null) {
                out = new StringBuilder(text.length() + 8).append(text, 0, i);
            }
            if (out != null) {
                if (escape != null) {
                    out.append(escape);
                } else {
                    out.append(c);
                }
            }
        }
        return out == null ? text : out.toString();
    }

    private static String escape(char c) {
        return switch (c) {
            case 0 -> "\\0";
            case '\n' -> "\\n";
            case '\r' -> "\\r";
            case '\t' -> "\\t";
            default -> {
                if (c < 0x20 || c == 0x7F) {
                    yield String.format("\\x%02x", (int) c);
                }
                yield c >= 0x80 && c <= 0x9F || isLineOrBidiControl(c) ? String.format("\\u%04x", (int) c) : null;
            }
        };
    }

    /**
     * U+2028 and U+2029 end lines; the bidirectional marks, embeddings, overrides and isolates reorder
     * them; U+FFFE and U+FFFF are no characters, and XML (a JUnit report) may not hold them.
     */
    private static boolean isLineOrBidiControl(char c) {
        return c == 0x2028 || c == 0x2029 || c == 0xFFFE || c == 0xFFFF || c == 0x061C || c == 0x200E || c == 0x200F
                || c >= 0x202A && c <= 0x202E || c >= 0x2066 && c <= 0x2069;
    }
}
