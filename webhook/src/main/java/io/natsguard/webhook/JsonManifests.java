package io.natsguard.webhook;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.natsguard.base.Position;
import io.natsguard.source.InputProblem;
import io.natsguard.source.ManifestReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Kubernetes objects that come as JSON (the object under review, what the Kubernetes API returns),
 * read as JSON into the node tree the core reads manifests into. Read as YAML they were refused
 * whenever a string held a DEL, a C1 control or U+FFFE/U+FFFF, which JSON and the API server allow
 * and YAML does not: every string keeps every character here. Each node keeps its line and column,
 * and scalars the type JSON gives them (numbers, booleans, null), as a YAML reader of the same text would.
 */
final class JsonManifests {

    private static final JsonFactory JSON = new JsonFactory();
    private static final int[] NO_SNIPPET = new int[0];

    private JsonManifests() {
    }

    /** The objects of one JSON document; a text that is no JSON value is a problem at its place. */
    static ManifestReader.Result read(String file, String json) {
        try (JsonParser parser = JSON.createParser(json)) {
            if (parser.nextToken() == null) {
                return new ManifestReader.Result(List.of(), null);
            }
            Node document = node(parser, file);
            if (parser.nextToken() != null) {
                throw new JsonParseException(parser, "more than one JSON value");
            }
            return new ManifestReader.Result(ManifestReader.objects(file, json, document), null);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            Position position = at == null ? new Position(file, 1, 1) : new Position(file, Math.max(1, at.getLineNr()), Math.max(1, at.getColumnNr()));
            return new ManifestReader.Result(List.of(), InputProblem.unreadable(position, "JSON does not parse: " + e.getOriginalMessage()));
        } catch (IOException e) {
            return new ManifestReader.Result(List.of(), InputProblem.unreadable(new Position(file, 1, 1), "JSON cannot be read: " + e.getMessage()));
        }
    }

    /** The value at the parser's current token; recursion is bounded by Jackson's nesting limit (1000). */
    private static Node node(JsonParser parser, String file) throws IOException {
        Mark start = mark(file, parser.currentTokenLocation());
        JsonToken token = parser.currentToken();
        switch (token) {
            case START_OBJECT -> {
                List<NodeTuple> entries = new ArrayList<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    Mark keyAt = mark(file, parser.currentTokenLocation());
                    Node key = new ScalarNode(Tag.STR, parser.currentName(), keyAt, keyAt, DumperOptions.ScalarStyle.DOUBLE_QUOTED);
                    parser.nextToken();
                    entries.add(new NodeTuple(key, node(parser, file)));
                }
                return new MappingNode(Tag.MAP, true, entries, start, end(parser, file), DumperOptions.FlowStyle.FLOW);
            }
            case START_ARRAY -> {
                List<Node> items = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    items.add(node(parser, file));
                }
                return new SequenceNode(Tag.SEQ, true, items, start, end(parser, file), DumperOptions.FlowStyle.FLOW);
            }
            case VALUE_STRING -> {
                return scalar(Tag.STR, parser, start, file, DumperOptions.ScalarStyle.DOUBLE_QUOTED);
            }
            case VALUE_NUMBER_INT -> {
                return scalar(Tag.INT, parser, start, file, DumperOptions.ScalarStyle.PLAIN);
            }
            case VALUE_NUMBER_FLOAT -> {
                return scalar(Tag.FLOAT, parser, start, file, DumperOptions.ScalarStyle.PLAIN);
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return scalar(Tag.BOOL, parser, start, file, DumperOptions.ScalarStyle.PLAIN);
            }
            case VALUE_NULL -> {
                return scalar(Tag.NULL, parser, start, file, DumperOptions.ScalarStyle.PLAIN);
            }
            default -> throw new JsonParseException(parser, "unexpected " + token);
        }
    }

    /** A scalar with its text as written (a number keeps its digits). */
    private static Node scalar(Tag tag, JsonParser parser, Mark start, String file, DumperOptions.ScalarStyle style) throws IOException {
        return new ScalarNode(tag, parser.getText(), start, end(parser, file), style);
    }

    private static Mark end(JsonParser parser, String file) {
        return mark(file, parser.currentLocation());
    }

    /** SnakeYAML counts lines and columns from 0, Jackson from 1. */
    private static Mark mark(String file, JsonLocation at) {
        return new Mark(file, (int) Math.max(0, at.getCharOffset()), Math.max(0, at.getLineNr() - 1), Math.max(0, at.getColumnNr() - 1),
                NO_SNIPPET, 0);
    }
}
