package io.natsguard.source;

import io.natsguard.base.Position;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * One key of a ConfigMap or Secret: its content, and where that content sits in the YAML file.
 *
 * @param owner   the ConfigMap or Secret
 * @param key     the data key (the file name it is mounted as)
 * @param content the bytes (base64 decoded for Secret {@code data})
 * @param origin  where the content's lines are in the file
 * @param keyAt   the position of the key
 */
public record DataEntry(KubeObject owner, String key, byte[] content, Origin origin, Position keyAt) {

    public boolean inSecret() {
        return owner.kind().equals("Secret");
    }

    public String text() {
        return new String(content, StandardCharsets.UTF_8);
    }

    /** Secret data that is not base64, at its key. */
    public static final class InvalidData extends IllegalArgumentException {
        private final transient Position position;

        InvalidData(Position position, String message) {
            super(message);
            this.position = position;
        }

        public Position position() {
            return position;
        }
    }

    /**
     * The entries of a ConfigMap ({@code data}, {@code binaryData} in base64) or a Secret ({@code data}
     * in base64, {@code stringData}): each is a file of the mounted volume alike.
     */
    public static List<DataEntry> of(KubeObject object) throws InvalidData {
        List<DataEntry> entries = new ArrayList<>();
        boolean secret = object.kind().equals("Secret");
        Yaml.at(object.node(), "data").ifPresent(data -> {
            for (NodeTuple tuple : Yaml.entries(data)) {
                if (tuple.getValueNode() instanceof ScalarNode value) {
                    Position keyAt = object.positionOf(tuple.getKeyNode());
                    entries.add(secret ? base64(object, tuple, value, keyAt) : plain(object, tuple, value, keyAt));
                }
            }
        });
        if (!secret) {
            Yaml.at(object.node(), "binaryData").ifPresent(data -> {
                for (NodeTuple tuple : Yaml.entries(data)) {
                    if (tuple.getValueNode() instanceof ScalarNode value) {
                        entries.add(base64(object, tuple, value, object.positionOf(tuple.getKeyNode())));
                    }
                }
            });
        }
        if (secret) {
            Yaml.at(object.node(), "stringData").ifPresent(data -> {
                for (NodeTuple tuple : Yaml.entries(data)) {
                    if (tuple.getValueNode() instanceof ScalarNode value) {
                        entries.add(plain(object, tuple, value, object.positionOf(tuple.getKeyNode())));
                    }
                }
            });
        }
        return entries;
    }

    /** Base64 has no lines of the config: findings inside it are at its key. */
    private static DataEntry base64(KubeObject object, NodeTuple tuple, ScalarNode value, Position keyAt) {
        return new DataEntry(object, Yaml.keyOf(tuple), decode(value.getValue(), object.kind(), keyAt), new Origin.Fixed(keyAt),
                keyAt);
    }

    private static DataEntry plain(KubeObject object, NodeTuple tuple, ScalarNode value, Position keyAt) {
        return new DataEntry(object, Yaml.keyOf(tuple), value.getValue().getBytes(StandardCharsets.UTF_8),
                originOf(object, value, keyAt), keyAt);
    }

    /** A literal block scalar keeps its lines: config line N is a line of the file. Anything else is one place. */
    public static Origin originOf(KubeObject object, ScalarNode value, Position keyAt) {
        if (value.getScalarStyle() != DumperOptions.ScalarStyle.LITERAL) {
            return new Origin.Fixed(object.positionOf(value));
        }
        int indicatorLine = value.getStartMark().getLine(); // 0-based line of the '|'
        int indent = 0;
        for (int i = indicatorLine + 1; object.source().line(i) != null; i++) {
            String line = object.source().line(i);
            if (!line.isBlank()) {
                indent = line.length() - line.stripLeading().length();
                break;
            }
        }
        return new Origin.BlockScalar(object.file(), indicatorLine + 2, indent);
    }

    private static byte[] decode(String base64, String kind, Position keyAt) {
        try {
            return Base64.getDecoder().decode(base64.replaceAll("\\s", "")); // YAML may wrap it; nothing else
        } catch (IllegalArgumentException e) {
            String field = kind.equals("Secret") ? "Secret data" : kind + " binaryData";
            throw new InvalidData(keyAt, field + " is not valid base64 (" + e.getMessage() + ")");
        }
    }

}
