package io.natsguard.source.helm;

/**
 * One fact of the rendered chart and where it comes from.
 *
 * @param value the rendered value
 * @param from  the values node (or chart default) behind it
 */
public record Fact<T>(T value, Provenance from) {
}
