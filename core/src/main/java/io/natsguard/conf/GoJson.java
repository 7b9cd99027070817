package io.natsguard.conf;

import io.natsguard.base.ByteEscapes;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Text of values as Go's encoding/json writes them: what the shared corpus's trees hold, and what
 * the NATS Helm chart writes into nats.conf (through {@code toPrettyJson}).
 */
public final class GoJson {

    /** The nearest rounding, then the one on its other side: one of them is the shortest that reads back. */
    private static final RoundingMode[] NEAREST_FIRST = {RoundingMode.HALF_EVEN, RoundingMode.FLOOR, RoundingMode.CEILING};

    private GoJson() {
    }

    /**
     * A float64: shortest round-trip digits, plain from 1e-6 up to 1e21, exponent form outside
     * ({@code 1e+21}, {@code 1e-7}). Go's encoder refuses NaN and infinities (so does a Helm render);
     * they are written the way Go's fmt prints them.
     */
    public static String number(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            return Double.isNaN(d) ? "NaN" : d > 0 ? "+Inf" : "-Inf";
        }
        if (d == 0) {
            return 1 / d < 0 ? "-0" : "0";
        }
        BigDecimal exact = shortest(d).stripTrailingZeros();
        double abs = Math.abs(d);
        if (abs >= 1e-6 && abs < 1e21) {
            return exact.toPlainString();
        }
        String digits = exact.unscaledValue().abs().toString();
        int exponent = digits.length() - 1 - exact.scale();
        String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        return (d < 0 ? "-" : "") + mantissa + "e" + (exponent < 0 ? "-" : "+") + Math.abs(exponent);
    }

    /**
     * The shortest decimal that reads back as {@code d}, the nearest one when there are several, as
     * Go's strconv finds it. Java 17's Double.toString is not always shortest ({@code 4.9E-324}).
     */
    private static BigDecimal shortest(double d) {
        BigDecimal exact = new BigDecimal(d);
        for (int digits = 1; ; digits++) {
            for (RoundingMode mode : NEAREST_FIRST) {
                BigDecimal candidate = exact.round(new MathContext(digits, mode));
                if (candidate.doubleValue() == d) {
                    return candidate;
                }
            }
        }
    }

    /**
     * A string in double quotes with Go's escapes: {@code \" \\ \n \r \t}, {@code \b \f} (Go 1.22 and
     * later), {@code \\u00XX} for other control characters and for U+2028/U+2029; the HTML characters
     * {@code < > &} stay raw, as the chart's {@code toPrettyRawJson} turns them back.
     */
    public static String string(String text) {
        String s = ByteEscapes.shown(text);
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
