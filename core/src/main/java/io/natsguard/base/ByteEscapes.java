package io.natsguard.base;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * How natsguard holds, in a Java string, a byte of the input that is not part of valid UTF-8: as
 * the unpaired low surrogate U+DC00 + the byte (U+DC80 to U+DCFF for bytes 0x80 to 0xFF, Python's
 * "surrogateescape"). No valid UTF-8 decodes to an unpaired surrogate, so the mapping is one to one
 * and two names compare as nats-server's Go byte strings do: two keys that differ only in such
 * bytes stay two keys, and neither is a real U+FFFD. This class is the one place that knows it.
 *
 * <p>Where natsguard writes such a string out (JSON, messages, diagnostics) each escape becomes
 * U+FFFD again ({@link #shown}), exactly what Go's encoding/json writes for an invalid byte.
 */
public final class ByteEscapes {

    private static final char FIRST = '\uDC80';
    private static final char LAST = '\uDCFF';
    private static final char REPLACEMENT = '\uFFFD';

    private ByteEscapes() {
    }

    /** The escape of a byte (0x80 to 0xFF) that is not part of valid UTF-8. */
    public static char of(int b) {
        return (char) (0xDC00 | b & 0xFF);
    }

    /** The text as it is shown: each escape as U+FFFD (the string itself when it holds none). */
    public static String shown(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean escape = isEscapeAt(text, i);
            if (escape && out == null) {
                out = new StringBuilder(text.length()).append(text, 0, i);
            }
            if (out != null) {
                out.append(escape ? REPLACEMENT : c);
            }
        }
        return out == null ? text : out.toString();
    }

    /** The bytes the text was read from: UTF-8, with each escape its own byte again. */
    public static byte[] bytes(String text) {
        if (!hasEscape(text)) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length() + 8);
        int from = 0;
        for (int i = 0; i < text.length(); i++) {
            if (isEscapeAt(text, i)) {
                out.writeBytes(text.substring(from, i).getBytes(StandardCharsets.UTF_8));
                out.write(text.charAt(i) & 0xFF);
                from = i + 1;
            }
        }
        out.writeBytes(text.substring(from).getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    /** Go's order of strings: by their bytes, unsigned. */
    public static int compare(String a, String b) {
        return Arrays.compareUnsigned(bytes(a), bytes(b));
    }

    private static boolean hasEscape(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (isEscapeAt(text, i)) {
                return true;
            }
        }
        return false;
    }

    /** A low surrogate in the escapes' range that does not end a surrogate pair (U+10080 ends in U+DC80). */
    private static boolean isEscapeAt(String text, int i) {
        char c = text.charAt(i);
        return c >= FIRST && c <= LAST && (i == 0 || !Character.isHighSurrogate(text.charAt(i - 1)));
    }
}
