package io.natsguard.testing;

import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Iterator;
import java.util.TreeSet;

/** JSON value equality that keeps integers and floats apart (1 is not 1.0), as the corpus requires. */
public final class JsonAssert {

    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonAssert() {
    }

    /**
     * JSON text as a tree that keeps every key: the second and later occurrences of a key in one
     * object are named "KEY (duplicate N)". Go writes two keys that differ only in bytes that are not
     * UTF-8 both as the same text (U+FFFD), in byte order; so does natsguard, and read so they compare.
     */
    public static JsonNode readKeepingDuplicateKeys(String text) throws IOException {
        try (JsonParser parser = JSON.getFactory().createParser(text)) {
            parser.nextToken();
            return read(parser);
        }
    }

    private static JsonNode read(JsonParser parser) throws IOException {
        if (parser.currentToken() == JsonToken.START_OBJECT) {
            ObjectNode object = JSON.createObjectNode();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String key = parser.currentName();
                String unique = key;
                for (int n = 2; object.has(unique); n++) {
                    unique = key + " (duplicate " + n + ")";
                }
                parser.nextToken();
                object.set(unique, read(parser));
            }
            return object;
        }
        if (parser.currentToken() == JsonToken.START_ARRAY) {
            ArrayNode array = JSON.createArrayNode();
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                array.add(read(parser));
            }
            return array;
        }
        return JSON.readTree(parser);
    }

    public static void assertSameValue(JsonNode expected, JsonNode actual) {
        compare(expected, actual, "$");
    }

    private static void compare(JsonNode expected, JsonNode actual, String path) {
        if (expected.isNumber() && actual.isNumber()) {
            if (expected.isIntegralNumber() != actual.isIntegralNumber()) {
                fail("%s: expected %s %s but got %s %s", path, kind(expected), expected, kind(actual), actual);
            }
            boolean same = expected.isIntegralNumber()
                    ? expected.bigIntegerValue().equals(actual.bigIntegerValue())
                    : Double.compare(expected.doubleValue(), actual.doubleValue()) == 0;
            if (!same) {
                fail("%s: expected %s but got %s", path, expected, actual);
            }
            return;
        }
        if (expected.getNodeType() != actual.getNodeType()) {
            fail("%s: expected %s but got %s", path, expected, actual);
        }
        if (expected.isObject()) {
            TreeSet<String> expectedKeys = new TreeSet<>();
            expected.fieldNames().forEachRemaining(expectedKeys::add);
            TreeSet<String> actualKeys = new TreeSet<>();
            actual.fieldNames().forEachRemaining(actualKeys::add);
            if (!expectedKeys.equals(actualKeys)) {
                fail("%s: expected keys %s but got %s", path, expectedKeys, actualKeys);
            }
            for (String key : expectedKeys) {
                compare(expected.get(key), actual.get(key), path + "." + key);
            }
        } else if (expected.isArray()) {
            if (expected.size() != actual.size()) {
                fail("%s: expected %d elements but got %d: %s", path, expected.size(), actual.size(), actual);
            }
            Iterator<JsonNode> e = expected.elements();
            Iterator<JsonNode> a = actual.elements();
            for (int i = 0; e.hasNext(); i++) {
                compare(e.next(), a.next(), path + "[" + i + "]");
            }
        } else if (!expected.equals(actual)) {
            fail("%s: expected %s but got %s", path, expected, actual);
        }
    }

    private static String kind(JsonNode n) {
        return n.isIntegralNumber() ? "integer" : "float";
    }
}
