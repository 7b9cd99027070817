package io.natsguard.source.helm;

import static io.natsguard.source.helm.ChartRenderException.helmFails;
import static io.natsguard.source.helm.ChartRenderException.notModeled;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * The chart's {@code $tplYaml} (templates/_tplYaml.tpl): anywhere in the values, a map whose only key
 * is {@code $tplYaml} is replaced by its string, rendered as a template and read as YAML;
 * {@code $tplYamlSpread} spreads the result into the enclosing map or list. Every template sees the
 * values as they were before any replacement. Of the template language, natsguard evaluates field
 * references ({@code {{ .Values.headlessService.name }}}, {@code {{ $.Release.Namespace }}}), trim
 * markers and comments; any other action is reported as not modeled.
 */
final class TplYaml {

    private static final String REPLACE = "$tplYaml";
    private static final String SPREAD = "$tplYamlSpread";
    private static final Pattern ACTION = Pattern.compile("\\{\\{(-[ \\t\\r\\n])?(.*?)([ \\t\\r\\n]-)?}}", Pattern.DOTALL);
    private static final Pattern FIELDS = Pattern.compile("\\$?(\\.[A-Za-z_][A-Za-z0-9_]*)*|\\.");

    private TplYaml() {
    }

    /** The values with every template replaced; {@code context} is the template root (.Values, .Release, .Chart). */
    static Traced expand(Traced values, Traced context) {
        if (wrapper(values, SPREAD) != null) {
            throw helmFails("cannot $tplYamlSpread on root object", values.from());
        }
        return walk(values, context);
    }

    private static Traced walk(Traced node, Traced context) {
        Traced template = wrapper(node, REPLACE);
        if (template != null) {
            return rendered(template, context);
        }
        if (node.isMap()) {
            Map<String, Traced> out = new LinkedHashMap<>();
            node.map().forEach((key, value) -> {
                Traced spread = spread(value, context, "map");
                if (spread == null) {
                    out.put(key, walk(value, context));
                } else if (spread.isMap()) {
                    out.putAll(spread.map());
                }
            });
            return new Traced(out, node.from());
        }
        if (node.isList()) {
            List<Traced> out = new ArrayList<>();
            for (Traced item : node.list()) {
                Traced spread = spread(item, context, "slice");
                if (spread == null) {
                    out.add(walk(item, context));
                } else if (spread.isList()) {
                    out.addAll(spread.list());
                }
            }
            return new Traced(out, node.from());
        }
        return node;
    }

    /** The rendered value of a {@code $tplYamlSpread} wrapper (null value: nothing to spread), or null when it is none. */
    private static Traced spread(Traced node, Traced context, String parentKind) {
        Traced template = wrapper(node, SPREAD);
        if (template == null) {
            return null;
        }
        Traced result = rendered(template, context);
        boolean fits = result.value() == null || (parentKind.equals("map") ? result.isMap() : result.isList());
        if (!fits) {
            throw helmFails("can only $tplYamlSpread slice onto a slice or map onto a map", template.from());
        }
        return result;
    }

    private static Traced wrapper(Traced node, String key) {
        return node.isMap() && node.map().size() == 1 ? node.map().get(key) : null;
    }

    /** tpl, then the chart's fromYaml of "tpl: {{ nindent 2 . }}"; YAML that does not parse gives "" (sprig's get of a missing key). */
    private static Traced rendered(Traced template, Traced context) {
        String text = render(GoValues.text(template), context, template.from());
        try {
            Traced doc = ValuesReader.text("tpl: \n  " + text.replace("\n", "\n  "), template.from());
            Traced value = doc.at("tpl");
            return value == null ? new Traced(null, template.from()) : value;
        } catch (YAMLException e) {
            return new Traced("", template.from());
        }
    }

    static String render(String template, Traced context, Provenance at) {
        StringBuilder out = new StringBuilder();
        Matcher action = ACTION.matcher(template);
        int last = 0;
        boolean trimNext = false;
        while (action.find()) {
            String text = template.substring(last, action.start());
            text = trimNext ? text.replaceFirst("^[ \\t\\r\\n]+", "") : text;
            out.append(action.group(1) != null ? text.replaceFirst("[ \\t\\r\\n]+$", "") : text);
            out.append(evaluate(action.group(2).strip(), context, at));
            trimNext = action.group(3) != null;
            last = action.end();
        }
        String tail = template.substring(last);
        return out.append(trimNext ? tail.replaceFirst("^[ \\t\\r\\n]+", "") : tail).toString();
    }

    private static String evaluate(String action, Traced context, Provenance at) {
        if (action.startsWith("/*") && action.endsWith("*/")) {
            return "";
        }
        if (action.isEmpty() || !FIELDS.matcher(action).matches()) {
            throw notModeled("the template action {{ " + action + " }}", at);
        }
        Traced current = context;
        for (String field : action.replaceFirst("^\\$", "").split("\\.")) {
            if (field.isEmpty()) {
                continue;
            }
            if (current == null || current.value() == null) {
                throw helmFails("nil pointer evaluating interface {}." + field, at);
            }
            if (!current.isMap()) {
                throw helmFails("can't evaluate field " + field + " in a non-map value", at);
            }
            current = current.map().get(field);
        }
        return GoValues.text(current);
    }
}
