package io.natsguard.rule;

import io.natsguard.conf.Position;

/**
 * Input that could not be read as what it claims to be (YAML that does not parse, a Secret value
 * that is not base64), or that could not be checked (chart values not found or not modeled).
 *
 * @param unchecked true when the input may be fine but natsguard could not check it
 */
public record InputProblem(Position position, String message, boolean unchecked) {
}
