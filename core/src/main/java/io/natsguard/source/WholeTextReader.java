package io.natsguard.source;

import java.io.Reader;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.reader.ReaderException;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.scanner.Constant;

/**
 * SnakeYAML's reader over a text already in memory, with the same positions, marks and errors.
 * SnakeYAML's own {@link StreamReader} reads 1,024 characters at a time and copies its whole
 * window each time, so a token of n characters costs n²/2048 copies: one line of 15 MB took
 * 270 s and 6 GB. This one holds the code points once. Like SnakeYAML's, it refuses a character
 * YAML does not allow when its look-ahead first reaches it, not before.
 */
final class WholeTextReader extends StreamReader {

    /** How far ahead characters are checked at once, as SnakeYAML reads them. */
    private static final int CHECKED_AT_ONCE = 1024;

    private final int[] codePoints;
    private int checkedUpTo;
    private int pointer;
    private int line;
    private int column;
    private int documentIndex;

    WholeTextReader(String text) {
        super(Reader.nullReader());
        this.codePoints = text.codePoints().toArray();
    }

    /** Marks carry no snippet: each node keeps its marks for the whole run, and with them the buffer they name. */
    private static final int[] NO_SNIPPET = new int[0];

    @Override
    public Mark getMark() {
        return new Mark("'reader'", pointer, line, column, NO_SNIPPET, 0);
    }

    @Override
    public void forward() {
        forward(1);
    }

    @Override
    public void forward(int length) {
        for (int i = 0; i < length && available(0); i++) {
            int c = codePoints[pointer++];
            documentIndex++;
            if (Constant.LINEBR.has(c) || c == '\r' && available(0) && codePoints[pointer] != '\n') {
                line++;
                column = 0;
            } else if (c != '\uFEFF') {
                column++;
            }
        }
    }

    @Override
    public int peek() {
        return peek(0);
    }

    @Override
    public int peek(int index) {
        return available(index) ? codePoints[pointer + index] : '\0';
    }

    @Override
    public String prefix(int length) {
        if (length == 0) {
            return "";
        }
        available(length);
        return new String(codePoints, pointer, Math.min(length, codePoints.length - pointer));
    }

    @Override
    public String prefixForward(int length) {
        String prefix = prefix(length);
        pointer += length;
        documentIndex += length;
        column += length;
        return prefix;
    }

    @Override
    public int getColumn() {
        return column;
    }

    @Override
    public int getIndex() {
        return pointer;
    }

    @Override
    public int getLine() {
        return line;
    }

    @Override
    public int getDocumentIndex() {
        return documentIndex;
    }

    @Override
    public void resetDocumentIndex() {
        documentIndex = 0;
    }

    /** Whether the character {@code ahead} of the pointer exists; characters up to it are checked first. */
    private boolean available(int ahead) {
        long wanted = (long) pointer + ahead;
        while (checkedUpTo <= wanted && checkedUpTo < codePoints.length) {
            int end = Math.min(codePoints.length, checkedUpTo + CHECKED_AT_ONCE);
            for (int i = checkedUpTo; i < end; i++) {
                if (!isPrintable(codePoints[i])) {
                    throw new ReaderException("'reader'", i, codePoints[i], "special characters are not allowed");
                }
            }
            checkedUpTo = end;
        }
        return wanted < codePoints.length;
    }
}
