package io.natsguard.source.helm;

import static io.natsguard.source.helm.GoValues.text;
import static io.natsguard.source.helm.GoValues.truthy;

import java.util.Map;

/** The chart's names (templates/_helpers.tpl: nats.fullname, nats.namespace, nats.defaultValues). */
final class ChartNames {

    private ChartNames() {
    }

    /**
     * fullnameOverride, else the release name when it contains the chart name (or nameOverride),
     * else {@code <release>-<name>}; at most 63 characters, without a trailing '-'.
     */
    static Fact<String> fullName(Traced values, String release) {
        Traced override = values.at("fullnameOverride");
        if (truthy(override)) {
            return new Fact<>(dnsName(text(override)), override.from());
        }
        Traced nameOverride = values.at("nameOverride");
        String name = truthy(nameOverride) ? text(nameOverride) : ChartDefaults.CHART_NAME;
        String full = dnsName(release.contains(name) ? release : release + "-" + name);
        return new Fact<>(full, truthy(nameOverride) ? nameOverride.from()
                : new Provenance(null, "the release name " + release));
    }

    private static String dnsName(String name) {
        String cut = name.length() > 63 ? name.substring(0, 63) : name;
        return cut.endsWith("-") ? cut.substring(0, cut.length() - 1) : cut;
    }

    /** namespaceOverride, else the release namespace. */
    static Fact<String> namespace(Traced values, String releaseNamespace) {
        Traced override = values.at("namespaceOverride");
        return truthy(override) ? new Fact<>(text(override), override.from())
                : new Fact<>(releaseNamespace, new Provenance(null, "the release namespace"));
    }

    /** The values with the object names the chart derives from the full name, where the user set none. */
    static Traced withDefaultNames(Traced values, String release) {
        Fact<String> full = fullName(values, release);
        Traced result = values.deepCopy();
        setDefault(result, "configMap", full.value() + "-config", full);
        setDefault(result, "headlessService", full.value() + "-headless", full);
        setDefault(result, "service", full.value(), full);
        setDefault(result, "statefulSet", full.value(), full);
        return result;
    }

    private static void setDefault(Traced values, String object, String name, Fact<String> full) {
        Traced holder = values.at(object);
        if (holder == null || !holder.isMap()) {
            throw ChartRenderException.helmFails(object + " is not a map", holder == null ? null : holder.from());
        }
        Map<String, Traced> map = holder.map();
        if (!truthy(map.get("name"))) {
            String why = "chart default " + object + ".name: " + name + ", from " + full.from().description();
            map.put("name", new Traced(name, new Provenance(full.from().position(), why)));
        }
    }
}
