package io.natsguard.source.helm;

import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which versions of chart nats the model reads. Chart 1.0.0 changed the values layout from the 0.x
 * chart's ({@code cluster:}, {@code nats:} at the top) to {@code config.cluster...}; from 2.12 the
 * chart's major.minor follows the server's, with the same layout. A version is written as Helm,
 * Flux and Argo CD take it: a version, or a constraint ({@code ~1.2}, {@code >=1.0.0 <2.0.0},
 * {@code 0.x}); none means the latest chart.
 */
public final class ChartVersions {

    /** The majors whose values layout the model reads. */
    private static final Set<Long> MODELED = Set.of(1L, 2L);

    /** An optional operator, then a version with optional minor and patch, each a number or a wildcard. */
    private static final Pattern VERSION =
            Pattern.compile("(<=|>=|<|>|=|~|\\^)?\\s*v?(\\d+)(?:\\.(\\d+|[xX*]))?(?:\\.(\\d+|[xX*]))?");

    private ChartVersions() {
    }

    /** Why values for the chart at this version are not read by the model; empty when they are. */
    public static Optional<String> unmodeled(String written) {
        String constraint = written == null ? "" : written.trim();
        if (constraint.isEmpty() || constraint.matches("[*xX]|latest")) {
            return Optional.empty();
        }
        Set<Long> majors = new TreeSet<>();
        boolean upward = false;
        boolean bounded = false;
        // a pre-release or build suffix (1.0.0-rc.1, 0.19.17+build.2) holds numbers that are no majors
        Matcher m = VERSION.matcher(constraint.replaceAll("(\\d)[-+][0-9A-Za-z.-]*", "$1"));
        while (m.find()) {
            String operator = m.group(1) == null ? "" : m.group(1);
            long major = Long.parseLong(m.group(2));
            upward |= operator.startsWith(">");
            bounded |= operator.startsWith("<");
            // "<2.0.0" reaches no 2.x
            boolean exclusiveZero = operator.equals("<") && isZero(m.group(3)) && isZero(m.group(4)) && major > 0;
            majors.add(exclusiveZero ? major - 1 : major);
        }
        if (majors.isEmpty()) {
            return Optional.of("version " + constraint + " names no chart version natsguard can read");
        }
        if (upward && !bounded || MODELED.containsAll(majors)) {
            return Optional.empty();
        }
        String layout = majors.equals(Set.of(0L))
                ? "the 0.x chart reads other values (cluster:, nats: at the top) and renders another config"
                : "natsguard models chart nats 1.x and 2.x";
        return Optional.of("chart nats " + constraint + " is not modeled: " + layout);
    }

    private static boolean isZero(String part) {
        return part == null || part.equals("0");
    }
}
