package io.natsguard.source;

import java.util.Arrays;

/**
 * The text of a YAML file, shared by every object read from it, with its lines found once: the
 * objects of a file look up lines of it (where a block scalar's content starts) again and again,
 * and splitting the file for each would make a file of many objects quadratic work.
 */
public final class SourceText {

    private final String text;
    private volatile int[] lineStarts;

    public SourceText(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }

    /** Line {@code index} (0-based) without its line break, or null past the last line. */
    public String line(int index) {
        int[] starts = lineStarts();
        if (index < 0 || index >= starts.length) {
            return null;
        }
        int end = index + 1 < starts.length ? starts[index + 1] - 1 : text.length();
        return text.substring(starts[index], end);
    }

    private int[] lineStarts() {
        int[] starts = lineStarts;
        if (starts == null) {
            starts = new int[16];
            int count = 1;
            for (int i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
                if (count == starts.length) {
                    starts = Arrays.copyOf(starts, count * 2);
                }
                starts[count++] = i + 1;
            }
            starts = Arrays.copyOf(starts, count);
            lineStarts = starts;
        }
        return starts;
    }
}
