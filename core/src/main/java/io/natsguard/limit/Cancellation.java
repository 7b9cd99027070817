package io.natsguard.limit;

/**
 * Cooperative cancellation: work that may run long (parsing, building the model, the rules)
 * calls {@link #checkpoint()} now and then, and stops when its thread was interrupted. The webhook
 * interrupts a review past its deadline this way, so that its worker is free again at once.
 */
public final class Cancellation {

    private Cancellation() {
    }

    /** Throws {@link Cancelled} when this thread was interrupted; the interrupt stays set. */
    public static void checkpoint() {
        if (Thread.currentThread().isInterrupted()) {
            throw new Cancelled();
        }
    }

    /** The work of an interrupted thread, stopped at a checkpoint. */
    public static final class Cancelled extends RuntimeException {

        public Cancelled() {
            super("cancelled", null, false, false);
        }
    }
}
