package io.natsguard.model;

import java.util.Comparator;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A nats-server release, as an image tag or a user writes it: {@code 2.10.24}, {@code v2.11} (a line,
 * its patch unknown: -1). Only the line (major.minor) decides which options a server knows.
 */
public record NatsVersion(int major, int minor, int patch) implements Comparable<NatsVersion> {

    /** {@code 2.10.24}, {@code v2.10}, {@code 2.10.24-alpine}, {@code 2.11.0-RC.1}: a version and an optional suffix. */
    private static final Pattern VERSION = Pattern.compile("v?(\\d+)\\.(\\d+)(?:\\.(\\d+))?(?:[-+._][0-9A-Za-z.+-]*)?");

    private static final Comparator<NatsVersion> ORDER =
            Comparator.comparingInt(NatsVersion::major).thenComparingInt(NatsVersion::minor).thenComparingInt(NatsVersion::patch);

    static NatsVersion of(int major, int minor, int patch) {
        return new NatsVersion(major, minor, patch);
    }

    /** The version written, or empty for anything else ({@code latest}, {@code alpine}, a digest). */
    public static Optional<NatsVersion> parse(String written) {
        Matcher m = VERSION.matcher(written == null ? "" : written.trim());
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new NatsVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                m.group(3) == null ? -1 : Integer.parseInt(m.group(3))));
    }

    /**
     * The version an image's tag names: {@code nats:2.10.24-alpine}, {@code docker.io/library/nats:2.9.22},
     * {@code registry:5000/nats:2.11}. Empty when it names none: no tag, {@code latest}, a tag that is
     * no version, or a digest alone ({@code nats@sha256:...}).
     */
    public static Optional<NatsVersion> ofImage(String image) {
        if (image == null) {
            return Optional.empty();
        }
        String reference = image.replaceFirst("@.*$", "");
        String last = reference.substring(reference.lastIndexOf('/') + 1);
        int colon = last.indexOf(':');
        return colon < 0 ? Optional.empty() : parse(last.substring(colon + 1));
    }

    /** Whether this release is of the same line as {@code other}, or of a newer line. */
    boolean sameLineOrNewer(NatsVersion other) {
        return major > other.major || major == other.major && minor >= other.minor;
    }

    /** The line: {@code 2.10}. */
    public String line() {
        return major + "." + minor;
    }

    @Override
    public int compareTo(NatsVersion other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return patch < 0 ? line() : line() + "." + patch;
    }
}
