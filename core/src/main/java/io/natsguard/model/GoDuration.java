package io.natsguard.model;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Go's time.ParseDuration: {@code 300ms}, {@code 1m30s}, {@code 2h}; the form nats-server wants for durations. */
public final class GoDuration {

    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)(ns|us|µs|μs|ms|s|m|h)");

    private GoDuration() {
    }

    /** The duration, or null when the text is not a Go duration (or does not fit its int64 nanoseconds). */
    public static Duration parse(String text) {
        if (text == null) {
            return null;
        }
        String rest = text;
        boolean negative = false;
        if (rest.startsWith("-") || rest.startsWith("+")) {
            negative = rest.startsWith("-");
            rest = rest.substring(1);
        }
        if (rest.equals("0")) {
            return Duration.ZERO;
        }
        if (rest.isEmpty()) {
            return null;
        }
        Matcher m = PART.matcher(rest);
        long nanos = 0;
        int at = 0;
        try {
            while (at < rest.length()) {
                if (!m.find(at) || m.start() != at) {
                    return null;
                }
                nanos = Math.addExact(nanos, nanos(m.group(1), unit(m.group(2))));
                at = m.end();
            }
        } catch (ArithmeticException | NumberFormatException tooLarge) {
            return null;
        }
        return Duration.ofNanos(negative ? -nanos : nanos);
    }

    /**
     * One number times its unit, computed as Go does: the whole part exactly, the fraction in float64
     * from at most 18 of its digits, so that "16.188us" is 16188ns, not 16187.
     */
    private static long nanos(String number, long unit) {
        int point = number.indexOf('.');
        String whole = point < 0 ? number : number.substring(0, point);
        String fraction = point < 0 ? "" : number.substring(point + 1);
        long value = Math.multiplyExact(whole.isEmpty() ? 0 : Long.parseLong(whole), unit);
        long digits = 0;
        double scale = 1;
        for (int i = 0; i < fraction.length() && digits <= (Long.MAX_VALUE - 9) / 10; i++) {
            digits = digits * 10 + (fraction.charAt(i) - '0');
            scale *= 10;
        }
        return Math.addExact(value, (long) (digits * (unit / scale)));
    }

    private static long unit(String unit) {
        return switch (unit) {
            case "ns" -> 1L;
            case "us", "µs", "μs" -> 1_000L;
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            case "m" -> 60_000_000_000L;
            default -> 3_600_000_000_000L;
        };
    }

    /**
     * A duration as Go's Duration.String prints it, without its zero units: Go's "2m0s" is "2m"
     * here, "1h0m30.5s" is "1h30.5s"; under a second "300ms", "1.5µs", "10ns". Go parses either form.
     */
    public static String format(Duration d) {
        if (d.isZero()) {
            return "0s";
        }
        if (d.isNegative()) {
            return "-" + format(d.negated());
        }
        long seconds = d.getSeconds();
        int nanos = d.getNano();
        if (seconds == 0) {
            return underASecond(nanos);
        }
        StringBuilder out = new StringBuilder();
        if (seconds >= 3600) {
            out.append(seconds / 3600).append('h');
            seconds %= 3600;
        }
        if (seconds >= 60) {
            out.append(seconds / 60).append('m');
            seconds %= 60;
        }
        if (seconds > 0 || nanos > 0) {
            out.append(seconds).append(fraction(nanos, 9)).append('s');
        }
        return out.toString();
    }

    private static String underASecond(int nanos) {
        if (nanos < 1_000) {
            return nanos + "ns";
        }
        if (nanos < 1_000_000) {
            return nanos / 1_000 + fraction(nanos % 1_000, 3) + "\u00b5s";
        }
        return nanos / 1_000_000 + fraction(nanos % 1_000_000, 6) + "ms";
    }

    /** The digits after the point of {@code value} out of 10^digits, trailing zeros dropped, or nothing. */
    private static String fraction(int value, int digits) {
        if (value == 0) {
            return "";
        }
        return "." + String.format("%0" + digits + "d", value).replaceFirst("0+$", "");
    }
}
