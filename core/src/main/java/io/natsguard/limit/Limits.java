package io.natsguard.limit;

import java.io.IOException;
import java.io.InputStream;

/**
 * The bounds on the work one input may cause. natsguard reads what anyone can write (a pull
 * request in CI, a ConfigMap at the cluster door); every input that grows work faster than its
 * own size meets one of these, and past it natsguard reports {@code limit-exceeded} at the line
 * that crosses it instead of working on. Each is settable in the policy's {@code limits} block;
 * docs/security.md gives the test that shows each holds.
 *
 * @param maxFileBytes     the largest file (or standard input) read; larger ones are not read
 * @param maxIncludeDepth  NATS config includes nested deeper than this are refused
 * @param maxIncludedBytes the bytes one NATS config may read, itself and every include counted each time it is read
 * @param maxExpandedBytes about the bytes one NATS config may stand for with every variable reference
 *                         expanded: what a reader of the config walks or prints, whatever the references share
 * @param maxReplicas      the servers of one cluster the model lists pod by pod; past it, it counts them
 */
public record Limits(long maxFileBytes, int maxIncludeDepth, long maxIncludedBytes, long maxExpandedBytes, int maxReplicas) {

    /** A realistic config of 4.5 MB expands to about 6.5 MB; Kubernetes objects stop at 1.5 MiB. */
    public static final Limits DEFAULT = new Limits(16L << 20, 16, 16L << 20, 32L << 20, 1000);

    /** A Java array holds a little under 2 GiB: one byte past the largest file must fit. */
    private static final long LARGEST_READABLE = Integer.MAX_VALUE - 16;

    public Limits {
        if (maxFileBytes < 1 || maxIncludeDepth < 0 || maxIncludedBytes < 1 || maxExpandedBytes < 1 || maxReplicas < 1) {
            throw new IllegalArgumentException("every bound must be positive");
        }
        if (maxFileBytes > LARGEST_READABLE) {
            throw new IllegalArgumentException("max-file-size must be under 2 GiB");
        }
    }

    /**
     * The bytes of a stream, or null when it holds more than {@link #maxFileBytes}: one byte past the
     * bound is read to tell, no more.
     */
    public byte[] readAtMost(InputStream in) throws IOException {
        byte[] bytes = in.readNBytes((int) maxFileBytes + 1);
        return bytes.length > maxFileBytes ? null : bytes;
    }

    /** What a file past {@link #maxFileBytes} is: "larger than 16 MiB (natsguard's bound limits.max-file-size)". */
    public String tooLarge() {
        return "larger than " + bytes(maxFileBytes) + " (natsguard's bound limits.max-file-size)";
    }

    /** A byte count as people write it: "16 MiB", "1500 bytes". */
    public static String bytes(long count) {
        if (count >= 1 << 20 && count % (1 << 20) == 0) {
            return (count >> 20) + " MiB";
        }
        if (count >= 1 << 10 && count % (1 << 10) == 0) {
            return (count >> 10) + " KiB";
        }
        return count + " bytes";
    }
}
