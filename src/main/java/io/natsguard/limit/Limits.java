package io.natsguard.limit;

/**
 * The bounds on the work one input may cause. natsguard reads what anyone can write (a pull
 * request in CI, a ConfigMap at the cluster door); every input that grows work faster than its
 * own size meets one of these, and past it natsguard reports {@code limit-exceeded} at the line
 * that crosses it instead of working on. Each is settable in the policy's {@code limits} block;
 * docs/security.md gives the test that shows each holds.
 *
 * @param maxFileBytes     the largest file (or object, or standard input) read; larger ones are not read
 * @param maxIncludeDepth  NATS config includes nested deeper than this are refused
 * @param maxIncludedBytes the bytes one NATS config may read, itself and every include counted each time it is read
 * @param maxValues        the values one NATS config may hold with every variable reference expanded:
 *                         what a reader of the config walks, whatever the references share
 * @param maxReplicas      the servers of one cluster the model lists pod by pod; past it, it counts them
 */
public record Limits(long maxFileBytes, int maxIncludeDepth, long maxIncludedBytes, long maxValues, int maxReplicas) {

    /** A realistic config of 4.5 MB holds about 240,000 values; Kubernetes objects stop at 1.5 MiB. */
    public static final Limits DEFAULT = new Limits(16L << 20, 16, 16L << 20, 2_000_000, 1000);

    public Limits {
        if (maxFileBytes < 1 || maxIncludeDepth < 0 || maxIncludedBytes < 1 || maxValues < 1 || maxReplicas < 1) {
            throw new IllegalArgumentException("limits must be positive");
        }
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
