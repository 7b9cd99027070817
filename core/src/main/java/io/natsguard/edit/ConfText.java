package io.natsguard.edit;

/**
 * Reads NATS config text laid out in a file (the file itself, or a YAML block scalar's lines):
 * where a bracketed value ends, and the indentation of a line.
 */
public final class ConfText {

    private ConfText() {
    }

    /**
     * The offset of the bracket that closes the one at {@code open} ('[' or '{'), skipping quoted
     * strings and comments ({@code #} and {@code //} to the end of the line); -1 when unbalanced.
     */
    static int closing(String text, int open) {
        int depth = 0;
        for (int i = open; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\'') {
                i = endOfQuote(text, i);
                if (i < 0) {
                    return -1;
                }
            } else if (c == '#' || (c == '/' && i + 1 < text.length() && text.charAt(i + 1) == '/')) {
                int eol = text.indexOf('\n', i);
                if (eol < 0) {
                    return -1;
                }
                i = eol;
            } else if (c == '[' || c == '{') {
                depth++;
            } else if (c == ']' || c == '}') {
                depth--;
                if (depth == 0) {
                    return i;
                }
            }
        }
        return -1;
    }

    private static int endOfQuote(String text, int start) {
        char quote = text.charAt(start);
        for (int i = start + 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && quote == '"') {
                i++;
            } else if (c == quote) {
                return i;
            } else if (c == '\n') {
                return -1;
            }
        }
        return -1;
    }

    /** The lines of a text that hold only a comment, trimmed: what a rewritten list keeps of the old one. */
    static java.util.List<String> commentLines(String text) {
        return text.lines().map(String::strip).filter(line -> line.startsWith("#") || line.startsWith("//")).toList();
    }

    /** The offset of a 1-based line and column, or -1 outside the text. */
    static int offset(String text, int line, int column) {
        int start = 0;
        for (int l = 1; l < line; l++) {
            start = text.indexOf('\n', start);
            if (start < 0) {
                return -1;
            }
            start++;
        }
        int offset = start + column - 1;
        return offset <= text.length() ? offset : -1;
    }

    /** The blanks at the start of the line that holds {@code offset}. */
    static String indentation(String text, int offset) {
        int start = text.lastIndexOf('\n', offset - 1) + 1;
        int end = start;
        while (end < text.length() && (text.charAt(end) == ' ' || text.charAt(end) == '\t')) {
            end++;
        }
        return text.substring(start, end);
    }

    /** Whether only blanks precede {@code offset} on its line. */
    static boolean startsLine(String text, int offset) {
        return indentation(text, offset).length() == offset - (text.lastIndexOf('\n', offset - 1) + 1);
    }

    /** 1-based line of an offset. */
    public static int lineOf(String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }
}
