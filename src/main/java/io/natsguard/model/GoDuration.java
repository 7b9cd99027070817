package io.natsguard.model;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Go's time.ParseDuration: {@code 300ms}, {@code 1m30s}, {@code 2h}; the form nats-server wants for durations. */
public final class GoDuration {

    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)(ns|us|µs|μs|ms|s|m|h)");

    private GoDuration() {
    }

    /** The duration, or null when the text is not a Go duration. */
    public static Duration parse(String text) {
        if (text == null || text.isEmpty()) {
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
        Matcher m = PART.matcher(rest);
        double nanos = 0;
        int at = 0;
        while (at < rest.length()) {
            if (!m.find(at) || m.start() != at) {
                return null;
            }
            nanos += Double.parseDouble(m.group(1)) * unit(m.group(2));
            at = m.end();
        }
        return Duration.ofNanos((long) (negative ? -nanos : nanos));
    }

    private static double unit(String unit) {
        return switch (unit) {
            case "ns" -> 1;
            case "us", "µs", "μs" -> 1e3;
            case "ms" -> 1e6;
            case "s" -> 1e9;
            case "m" -> 60e9;
            default -> 3600e9;
        };
    }

    /** A duration as Go prints it, e.g. "2m0s" is written here as "2m", "90s" as "1m30s". */
    public static String format(Duration d) {
        if (d.isZero()) {
            return "0s";
        }
        StringBuilder out = new StringBuilder();
        long seconds = d.getSeconds();
        if (seconds >= 3600) {
            out.append(seconds / 3600).append('h');
            seconds %= 3600;
        }
        if (seconds >= 60) {
            out.append(seconds / 60).append('m');
            seconds %= 60;
        }
        if (seconds > 0 || d.getNano() > 0) {
            if (d.getNano() > 0 && seconds == 0 && out.length() == 0) {
                out.append(d.toMillis()).append("ms");
            } else {
                out.append(seconds).append('s');
            }
        }
        return out.toString();
    }
}
