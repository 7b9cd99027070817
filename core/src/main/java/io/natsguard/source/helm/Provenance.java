package io.natsguard.source.helm;

import io.natsguard.base.Position;

/**
 * Where a value of the chart's output comes from.
 *
 * @param position    the values node that causes it (1-based), or null when the chart itself decides it
 * @param description the values path (e.g. {@code config.cluster.merge.routes[0]}), or what the chart
 *                    decides (e.g. {@code chart default config.cluster.replicas: 3})
 */
public record Provenance(Position position, String description) {

    static Provenance chartDefault(String what) {
        return new Provenance(null, "chart default " + what);
    }

    /** True when no values node causes the value: it is the chart's own default. */
    public boolean isChartDefault() {
        return position == null;
    }

    @Override
    public String toString() {
        return position == null ? description : position + " (" + description + ")";
    }
}
