package io.natsguard.source.helm;

import io.natsguard.base.Position;

/**
 * The values cannot be rendered: either {@code helm template} itself would fail on them, or they use a
 * chart mechanism natsguard does not model. The message says which.
 */
public class ChartRenderException extends RuntimeException {

    private final transient Position position;

    ChartRenderException(String message, Provenance at) {
        super(message + (at == null ? "" : " (" + at.description() + ")"));
        this.position = at == null ? null : at.position();
    }

    static ChartRenderException helmFails(String what, Provenance at) {
        return new ChartRenderException("helm template fails: " + what, at);
    }

    static ChartRenderException notModeled(String what, Provenance at) {
        return new ChartRenderException("natsguard does not model " + what, at);
    }

    /** The values node at fault, or null when there is none (a chart default). */
    public Position position() {
        return position;
    }
}
