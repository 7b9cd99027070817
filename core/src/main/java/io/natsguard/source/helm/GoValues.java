package io.natsguard.source.helm;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * How Go templates and sprig treat the chart's values. Helm reads every number of the values as a
 * float64 (its YAML goes through JSON), which shows when a number is printed: 1000000 prints 1e+06.
 */
final class GoValues {

    private GoValues() {
    }

    /** Go template truth ({@code if}, {@code and}) and sprig's non-{@code empty}. */
    static boolean truthy(Object plain) {
        if (plain == null) {
            return false;
        }
        if (plain instanceof Boolean b) {
            return b;
        }
        if (plain instanceof Number n) {
            return n.doubleValue() != 0;
        }
        if (plain instanceof String s) {
            return !s.isEmpty();
        }
        if (plain instanceof Map<?, ?> m) {
            return !m.isEmpty();
        }
        return !((List<?>) plain).isEmpty();
    }

    static boolean truthy(Traced value) {
        return value != null && truthy(value.plain());
    }

    /** What {@code {{ value }}} prints; a missing or null value prints nothing (Helm drops "<no value>"). */
    static String text(Traced value) {
        return value == null || value.value() == null ? "" : print(value.plain());
    }

    /** Go's fmt.Sprint of a value. */
    private static String print(Object plain) {
        if (plain == null) {
            return "<nil>";
        }
        if (plain instanceof Number n) {
            return float64(n.doubleValue());
        }
        if (plain instanceof Map<?, ?> m) {
            return new TreeMap<>(m).entrySet().stream().map(e -> e.getKey() + ":" + print(e.getValue()))
                    .collect(Collectors.joining(" ", "map[", "]"));
        }
        if (plain instanceof List<?> l) {
            return l.stream().map(GoValues::print).collect(Collectors.joining(" ", "[", "]"));
        }
        return plain.toString();
    }

    /** Go's %v of a float64: shortest digits, exponent form from 1e+06 up and below 1e-04. */
    static String float64(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            return Double.isNaN(d) ? "NaN" : d > 0 ? "+Inf" : "-Inf";
        }
        if (d == 0) {
            return 1 / d < 0 ? "-0" : "0";
        }
        BigDecimal decimal = new BigDecimal(Double.toString(d)).stripTrailingZeros();
        int exponent = decimal.precision() - decimal.scale() - 1;
        if (exponent >= -4 && exponent < 6) {
            return decimal.toPlainString();
        }
        String digits = decimal.unscaledValue().abs().toString();
        String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        String exp = String.format("%02d", Math.abs(exponent));
        return (d < 0 ? "-" : "") + mantissa + "e" + (exponent < 0 ? "-" : "+") + exp;
    }

    /** sprig's {@code int} (cast.ToInt): numbers truncate, strings parse as Go literals, anything else is 0. */
    static long toInt(Traced value) {
        Object plain = value == null ? null : value.value();
        if (plain instanceof Number n) {
            return (long) n.doubleValue();
        }
        if (plain instanceof Boolean b) {
            return b ? 1 : 0;
        }
        return plain instanceof String s ? parseGoInt(trimZeroDecimal(s)) : 0;
    }

    private static String trimZeroDecimal(String s) {
        int dot = s.lastIndexOf('.');
        return dot > 0 && s.substring(dot + 1).matches("0+") ? s.substring(0, dot) : s;
    }

    /** strconv.ParseInt(s, 0, 0): base prefixes 0x, 0o, 0b and a leading 0 for octal; 0 when it fails. */
    private static long parseGoInt(String s) {
        String body = s.startsWith("-") || s.startsWith("+") ? s.substring(1) : s;
        int radix = 10;
        String lower = body.toLowerCase();
        if (lower.startsWith("0x") || lower.startsWith("0o") || lower.startsWith("0b")) {
            radix = lower.charAt(1) == 'x' ? 16 : lower.charAt(1) == 'o' ? 8 : 2;
            body = body.substring(2);
        } else if (body.length() > 1 && body.startsWith("0")) {
            radix = 8;
        }
        try {
            long magnitude = Long.parseLong(body, radix);
            return body.startsWith("-") || body.startsWith("+") ? 0 : s.startsWith("-") ? -magnitude : magnitude;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** sprig's {@code until}: 0..n-1, and for a negative n it counts down: until -3 is [0 -1 -2]. */
    static long[] until(long n) {
        long count = Math.abs(n); // callers bound n (limits.max-replicas)
        long step = n >= 0 ? 1 : -1;
        long[] out = new long[(int) count];
        for (int i = 0; i < count; i++) {
            out[i] = i * step;
        }
        return out;
    }

    /** Go's url.QueryEscape, what the {@code urlquery} template function does: a space becomes '+'. */
    static String urlQuery(String s) {
        StringBuilder out = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (c < 128 && (Character.isLetterOrDigit(c) || "-_.~".indexOf(c) >= 0)) {
                out.append(c);
            } else if (c == ' ') {
                out.append('+');
            } else {
                out.append('%').append(String.format("%02X", (int) c));
            }
        }
        return out.toString();
    }
}
