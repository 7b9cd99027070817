package io.natsguard.conf;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import io.natsguard.base.ByteEscapes;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes a parsed config as JSON in the two forms of the shared corpus: the typed tree
 * ({@code FILE.json}: keys sorted, integers without a point, floats always with one) and the tree
 * with positions ({@code FILE.pos.json}: every value with its type, the server's line and column,
 * its file when it came from an include, and whether a variable reference used it).
 */
public final class ConfTreeJson {

    /** Characters beyond U+FFFF as their four UTF-8 bytes, as Go writes them, not as two escaped surrogates. */
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8).build();

    private ConfTreeJson() {
    }

    /** Writes the typed tree ({@code FILE.json} form) as UTF-8. */
    public static void writeTree(ConfValue root, OutputStream out) throws IOException {
        try (JsonGenerator json = configure(FACTORY.createGenerator(out, JsonEncoding.UTF8))) {
            writePlain(root, json);
        }
    }

    /** Writes the tree with positions ({@code FILE.pos.json} form) as UTF-8. */
    public static void writePositions(ConfValue root, OutputStream out) throws IOException {
        try (JsonGenerator json = configure(FACTORY.createGenerator(out, JsonEncoding.UTF8))) {
            writePositioned(root, root.source().name(), true, json);
        }
    }

    public static String treeToString(ConfValue root) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        writeTree(root, out);
        return out.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    public static String positionsToString(ConfValue root) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        writePositions(root, out);
        return out.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static JsonGenerator configure(JsonGenerator json) {
        json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        DefaultPrettyPrinter pretty = new DefaultPrettyPrinter()
                .withSeparators(Separators.createDefaultInstance()
                        .withObjectFieldValueSpacing(Separators.Spacing.AFTER));
        pretty.indentArraysWith(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE);
        json.setPrettyPrinter(pretty);
        return json;
    }

    private static void writePlain(ConfValue v, JsonGenerator json) throws IOException {
        switch (v.type()) {
            case MAP -> {
                json.writeStartObject();
                for (Map.Entry<String, ConfValue> e : sorted(v.asMap())) {
                    json.writeFieldName(ByteEscapes.shown(e.getKey()));
                    writePlain(e.getValue(), json);
                }
                json.writeEndObject();
            }
            case ARRAY -> {
                json.writeStartArray();
                for (ConfValue element : v.asList()) {
                    writePlain(element, json);
                }
                json.writeEndArray();
            }
            default -> writeScalar(v, json);
        }
    }

    private static void writePositioned(ConfValue v, String topFile, boolean root, JsonGenerator json)
            throws IOException {
        json.writeStartObject();
        json.writeStringField("type", v.type().jsonName());
        writeNullableInt(json, "line", root ? ConfValue.UNKNOWN : v.serverLine());
        writeNullableInt(json, "col", root ? ConfValue.UNKNOWN : v.serverColumn());
        if (v.source() != null && !v.source().name().equals(topFile)) {
            json.writeStringField("file", ByteEscapes.shown(v.source().name()));
        }
        if (v.usedVariable()) {
            json.writeBooleanField("usedVariable", true);
        }
        json.writeFieldName("value");
        switch (v.type()) {
            case MAP -> {
                json.writeStartObject();
                for (Map.Entry<String, ConfValue> e : sorted(v.asMap())) {
                    json.writeFieldName(ByteEscapes.shown(e.getKey()));
                    writePositioned(e.getValue(), topFile, false, json);
                }
                json.writeEndObject();
            }
            case ARRAY -> {
                json.writeStartArray();
                for (ConfValue element : v.asList()) {
                    writePositioned(element, topFile, false, json);
                }
                json.writeEndArray();
            }
            default -> writeScalar(v, json);
        }
        json.writeEndObject();
    }

    private static void writeNullableInt(JsonGenerator json, String field, int value) throws IOException {
        if (value == ConfValue.UNKNOWN) {
            json.writeNullField(field);
        } else {
            json.writeNumberField(field, value);
        }
    }

    private static void writeScalar(ConfValue v, JsonGenerator json) throws IOException {
        switch (v.type()) {
            case STRING -> json.writeString(ByteEscapes.shown((String) v.value()));
            case INT -> json.writeNumber((Long) v.value());
            case FLOAT -> json.writeNumber(goFloat((Double) v.value()));
            case BOOL -> json.writeBoolean((Boolean) v.value());
            case DATETIME -> {
                json.writeStartObject();
                json.writeStringField("$datetime", (String) v.value());
                json.writeEndObject();
            }
            default -> throw new IllegalArgumentException("not a scalar: " + v.type());
        }
    }

    /** Map entries in byte order of their keys, as Go sorts them. */
    private static List<Map.Entry<String, ConfValue>> sorted(Map<String, ConfValue> map) {
        List<Map.Entry<String, ConfValue>> entries = new ArrayList<>(map.entrySet());
        entries.sort((a, b) -> ByteEscapes.compare(a.getKey(), b.getKey()));
        return entries;
    }

    /** A float as the corpus writes it: Go's encoding/json text, with ".0" when it would read as an integer. */
    static String goFloat(double d) {
        String text = GoJson.number(d);
        return text.contains(".") || text.contains("e") ? text : text + ".0";
    }
}
