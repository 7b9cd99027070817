package io.natsguard.source.helm;

import static io.natsguard.source.helm.GoValues.text;

import java.util.List;
import org.yaml.snakeyaml.error.YAMLException;

/** The steps every template of the chart shares: reading a value, printing it into YAML, nats.loadMergePatch. */
final class ChartTemplates {

    private ChartTemplates() {
    }

    /** nats.loadMergePatch's last two steps, with the merge and patch values found under {@code prefix}. */
    static Traced mergePatch(Traced doc, Traced values, String prefix) {
        return mergePatch(doc, values, prefix, JsonPatch.WHOLE);
    }

    static Traced mergePatch(Traced doc, Traced values, String prefix, List<List<String>> modeled) {
        Traced merged = ValueMerge.overwrite(doc, values.at((prefix + ".merge").split("\\.")));
        return JsonPatch.apply(merged, values.at((prefix + ".patch").split("\\.")), modeled);
    }

    /** A value by dotted path; an unset one prints as nothing, as Helm prints a missing key. */
    static Traced get(Traced values, String path) {
        Traced value = values.at(path.split("\\."));
        return value != null ? value : new Traced(null, new Provenance(null, path + " (not set)"));
    }

    /** What {@code key: {{ value }}} reads back as, once the chart parses its own YAML output. */
    static Traced reread(Traced value) {
        String printed = text(value);
        try {
            Traced line = ValuesReader.text("v: " + printed, value.from());
            Traced read = line.at("v");
            return read != null ? read : new Traced(null, value.from());
        } catch (YAMLException e) {
            throw ChartRenderException.notModeled("a value that breaks the chart's YAML: " + printed, value.from());
        }
    }
}
