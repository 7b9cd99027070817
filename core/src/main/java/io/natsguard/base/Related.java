package io.natsguard.base;

import java.util.function.UnaryOperator;

/**
 * Another place a finding points at besides its own, such as the replicas line of the StatefulSet
 * whose size a route list does not match. Text shows it as {@code (see FILE:LINE:COL)}, JSON as
 * {@code related}, SARIF as {@code relatedLocations}.
 *
 * @param position where
 * @param note     what is there, e.g. "the replicas of StatefulSet nats/nats"
 */
public record Related(Position position, String note) {

    /** The same place, moved as its file's positions are (a Kustomize build's lines to its sources). */
    public Related moved(UnaryOperator<Position> map) {
        return new Related(map.apply(position), note);
    }
}
