package io.natsguard.model;

import io.natsguard.base.Position;
import io.natsguard.conf.ConfParseException;
import io.natsguard.conf.ConfValue;
import io.natsguard.source.Origin;
import java.util.Map;

/**
 * A parsed NATS server config and where its text lives, so that every value can be located in the
 * file the user edits.
 *
 * @param label    what it is ("ConfigMap nats/nats-config key nats.conf", or the file)
 * @param root     the parsed config, or null when it does not parse
 * @param error    why it does not parse, or null
 * @param origins  for each config source name (the file and its includes), where its text is
 * @param inSecret whether the config is held in a Secret (the place for credentials)
 */
public record NatsConfig(String label, ConfValue root, ConfParseException error, Map<String, Origin> origins,
        boolean inSecret) {

    /** Where a person finds a value (a map entry: its key). */
    public Position locate(ConfValue value) {
        Position conf = value.position();
        return conf == null ? null : locate(conf);
    }

    /** Where a person finds a value itself. */
    public Position locateValue(ConfValue value) {
        Position conf = value.valuePosition();
        return conf == null ? null : locate(conf);
    }

    /** A position in config coordinates, in the file the user edits. */
    public Position locate(Position conf) {
        Origin origin = origins.get(conf.file());
        return origin == null ? conf : origin.locate(conf.line(), conf.column());
    }

    /** The value at a path of map keys (exact spelling), or null. */
    public ConfValue at(String... path) {
        ConfValue current = root;
        for (String key : path) {
            if (current == null || current.type() != ConfValue.Type.MAP) {
                return null;
            }
            current = ConfigKeys.get(current, key);
        }
        return current;
    }
}
