package io.natsguard.conf;

import io.natsguard.base.Position;
import java.util.Arrays;

/**
 * The bytes of one NATS config source and its name, with the map from byte offsets to human
 * positions. The name is the path as the parser builds it (the server's convention: relative to
 * the working directory, includes joined to their includer's directory).
 */
public final class SourceFile {

    private final String name;
    private final byte[] bytes;
    private int[] lineStarts;

    public SourceFile(String name, byte[] bytes) {
        this.name = name;
        this.bytes = bytes;
    }

    public String name() {
        return name;
    }

    byte[] bytes() {
        return bytes;
    }

    /**
     * The token written at a byte offset, as it stands in the file (up to white space, a separator,
     * a bracket or a comment): how the user wrote a value, e.g. {@code 2m} for the integer 2000000.
     */
    public String tokenAt(int offset) {
        if (offset < 0 || offset >= bytes.length) {
            return "";
        }
        int end = offset;
        while (end < bytes.length && " \t\r\n,;]}#".indexOf(bytes[end]) < 0) {
            end++;
        }
        return new String(bytes, offset, end - offset, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The human position of a byte offset: lines counted by '\n', columns in characters. */
    public Position positionOf(int offset) {
        int[] starts = lineStarts();
        int clamped = Math.max(0, Math.min(offset, bytes.length));
        int index = Arrays.binarySearch(starts, clamped);
        int line = index >= 0 ? index : -index - 2;
        int column = 1;
        for (int i = starts[line]; i < clamped; i++) {
            if ((bytes[i] & 0xC0) != 0x80) {
                column++;
            }
        }
        return new Position(name, line + 1, column);
    }

    private int[] lineStarts() {
        if (lineStarts == null) {
            int count = 1;
            for (byte b : bytes) {
                if (b == '\n') {
                    count++;
                }
            }
            int[] starts = new int[count];
            int line = 1;
            for (int i = 0; i < bytes.length; i++) {
                if (bytes[i] == '\n') {
                    starts[line++] = i + 1;
                }
            }
            lineStarts = starts;
        }
        return lineStarts;
    }
}
