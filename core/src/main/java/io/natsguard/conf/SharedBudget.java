package io.natsguard.conf;

import io.natsguard.base.Position;
import io.natsguard.limit.Limits;

/**
 * What all the NATS configs of one input (a lint run, an admission review) read and stand for
 * together: {@value #CONFIGS_AT_THE_BOUND} times what one config may. The bounds of {@link Limits}
 * hold per config; without a shared budget, 10,000 keys of one ConfigMap that each include a large
 * sibling ten times would read 160 GB, each key within every bound.
 */
public final class SharedBudget {

    static final int CONFIGS_AT_THE_BOUND = 4;

    private final Limits limits;
    private long bytesRead;
    private long expanded;

    public SharedBudget(Limits limits) {
        this.limits = limits;
    }

    void countBytes(long count, Position at) throws ConfParseException {
        bytesRead += count;
        if (bytesRead > CONFIGS_AT_THE_BOUND * limits.maxIncludedBytes()) {
            throw ConfParseException.limit("the NATS configs of this input read more than "
                    + Limits.bytes(CONFIGS_AT_THE_BOUND * limits.maxIncludedBytes()) + " together with their includes ("
                    + CONFIGS_AT_THE_BOUND + " times natsguard's bound limits.max-included-size)", at);
        }
    }

    void countExpanded(long weight, Position at) throws ConfParseException {
        expanded += weight;
        if (expanded > CONFIGS_AT_THE_BOUND * limits.maxExpandedBytes()) {
            throw ConfParseException.limit("the NATS configs of this input stand for more than "
                    + Limits.bytes(CONFIGS_AT_THE_BOUND * limits.maxExpandedBytes()) + " together with their variable "
                    + "references expanded (" + CONFIGS_AT_THE_BOUND + " times natsguard's bound limits.max-expanded-size)", at);
        }
    }
}
