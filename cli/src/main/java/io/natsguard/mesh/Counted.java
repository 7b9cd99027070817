package io.natsguard.mesh;

/** A count with its noun in English: "1 server", "2 servers", "0 servers". */
public final class Counted {

    private Counted() {
    }

    /** {@code n} and {@code noun}, with an s unless n is 1; for nouns whose plural is noun + s. */
    public static String of(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    /** "is" for one, "are" for others: the verb after {@link #of}. */
    public static String is(long n) {
        return n == 1 ? "is" : "are";
    }
}
