package io.natsguard.rule;

import io.natsguard.conf.Position;

/** Input that could not be read as what it claims to be: YAML that does not parse, a Secret value that is not base64. */
public record InputProblem(Position position, String message) {
}
