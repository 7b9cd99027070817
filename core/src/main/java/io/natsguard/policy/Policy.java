package io.natsguard.policy;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigSyntax;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import io.natsguard.base.Severity;
import io.natsguard.limit.Limits;
import io.natsguard.rule.Rule;
import io.natsguard.rule.Rules;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which rules run, how severe their findings are, and their parameters: a HOCON file
 * ({@code policies/default.conf} is built in; {@code --policy FILE} replaces what it states).
 *
 * <pre>
 * rules {
 *   routes-single-dns-name { enabled = true, severity = error }
 *   timeout-out-of-range { severity = warning, params { ping_interval { min = 1s, max = 10m } } }
 * }
 * </pre>
 */
public final class Policy {

    private static final String BUILT_IN = "/policies/default.conf";
    private static final Set<String> RULE_KEYS = Set.of("enabled", "severity", "admission", "params");
    private static final Set<String> TOP_KEYS = Set.of("rules", "suppressions", "exemptions", "limits");
    private static final Set<String> LIMIT_KEYS = Set.of("max-file-size", "max-include-depth", "max-included-size",
            "max-expanded-size", "max-replicas");
    private static final Set<String> EXEMPTION_KEYS = Set.of("rule", "namespace", "name", "reason");

    /** One rule's settings; {@code admission} is what {@code natsguard serve} does with its findings. */
    public record RuleSettings(boolean enabled, Severity severity, Admission admission, Config params) {
    }

    /**
     * Findings of a rule ("*": any) in objects whose namespace and name match (globs with '*') do
     * not count, for the reason given.
     */
    public record Exemption(String rule, String namespace, String name, String reason) {

        public boolean covers(String ruleId) {
            return rule.equals("*") || rule.equals(ruleId);
        }

        public boolean matches(String objectNamespace, String objectName) {
            return glob(namespace).matcher(objectNamespace).matches() && glob(name).matcher(objectName).matches();
        }

        private static java.util.regex.Pattern glob(String glob) {
            return java.util.regex.Pattern.compile(java.util.Arrays.stream(glob.split("\\*", -1))
                    .map(java.util.regex.Pattern::quote).collect(java.util.stream.Collectors.joining(".*")));
        }
    }

    private final String name;
    private final Map<String, RuleSettings> rules;
    private final boolean annotationSuppressions;
    private final List<Exemption> exemptions;
    private final Limits limits;

    private Policy(String name, Map<String, RuleSettings> rules, boolean annotationSuppressions, List<Exemption> exemptions,
            Limits limits) {
        this.name = name;
        this.rules = rules;
        this.annotationSuppressions = annotationSuppressions;
        this.exemptions = exemptions;
        this.limits = limits;
    }

    /** The built-in default policy. */
    public static Policy defaults() {
        try {
            return from("built-in " + BUILT_IN, builtIn());
        } catch (PolicyException e) {
            throw new IllegalStateException("the built-in policy is invalid: " + e.getMessage(), e);
        }
    }

    /** A policy file; what it does not state comes from the built-in policy. */
    public static Policy load(Path file) throws PolicyException {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new PolicyException(file + ": cannot read the policy file");
        }
        Config config;
        try {
            config = ConfigFactory.parseFile(file.toFile(),
                    ConfigParseOptions.defaults().setSyntax(ConfigSyntax.CONF).setAllowMissing(false)).resolve();
        } catch (ConfigException e) {
            throw new PolicyException(describe(file.toString(), e.origin(), e.getMessage()));
        }
        check(file.toString(), config);
        return from(file.toString(), config.withFallback(builtIn()));
    }

    /** Where the policy comes from: "built-in /policies/default.conf", or the file; readiness says it. */
    public String name() {
        return name;
    }

    public RuleSettings settings(Rule rule) {
        return rules.get(rule.info().id());
    }

    /** What the webhook does with findings of the rule with this id. */
    public Admission admission(String ruleId) {
        RuleSettings settings = rules.get(ruleId);
        if (settings == null) {
            throw new IllegalArgumentException("no rule '" + ruleId + "'");
        }
        return settings.admission();
    }

    /** Whether natsguard.io/ignore-* annotations may suppress findings ({@code suppressions.annotations}). */
    public boolean annotationSuppressions() {
        return annotationSuppressions;
    }

    public List<Exemption> exemptions() {
        return exemptions;
    }

    /** The bounds on the work one input may cause ({@code limits { ... }}). */
    public Limits limits() {
        return limits;
    }

    private static Config builtIn() {
        return ConfigFactory.parseResources(Policy.class, BUILT_IN,
                ConfigParseOptions.defaults().setSyntax(ConfigSyntax.CONF).setAllowMissing(false)).resolve();
    }

    /** What the file itself states must make sense: known keys, known rules, right types. */
    private static void check(String file, Config config) throws PolicyException {
        for (Map.Entry<String, ConfigValue> top : config.root().entrySet()) {
            if (!TOP_KEYS.contains(top.getKey())) {
                throw new PolicyException(describe(file, top.getValue().origin(), "unknown setting '" + top.getKey()
                        + "' (a policy has rules { ... }, suppressions { ... } and exemptions = [ ... ])"));
            }
        }
        if (!config.hasPath("rules")) {
            return;
        }
        ConfigValue rulesValue = config.root().get("rules");
        if (rulesValue.valueType() != ConfigValueType.OBJECT) {
            throw new PolicyException(describe(file, rulesValue.origin(), "'rules' must be a block: rules { ... }"));
        }
        for (Map.Entry<String, ConfigValue> entry : ((ConfigObject) rulesValue).entrySet()) {
            String id = entry.getKey();
            if (Rules.byId(id).isEmpty()) {
                throw new PolicyException(describe(file, entry.getValue().origin(), "unknown rule '" + id
                        + "' (natsguard rules lists them)"));
            }
            if (entry.getValue().valueType() != ConfigValueType.OBJECT) {
                throw new PolicyException(describe(file, entry.getValue().origin(), "rule '" + id
                        + "' must be a block: " + id + " { enabled = true, severity = error }"));
            }
            for (Map.Entry<String, ConfigValue> setting : ((ConfigObject) entry.getValue()).entrySet()) {
                if (!RULE_KEYS.contains(setting.getKey())) {
                    throw new PolicyException(describe(file, setting.getValue().origin(), "unknown setting '"
                            + setting.getKey() + "' of rule '" + id + "' (allowed: enabled, severity, admission, params)"));
                }
            }
        }
    }

    private static Policy from(String name, Config config) throws PolicyException {
        Map<String, RuleSettings> settings = new HashMap<>();
        for (Rule rule : Rules.all()) {
            String id = rule.info().id();
            String path = "rules." + quote(id);
            Config block = config.hasPath(path) ? config.getConfig(path) : ConfigFactory.empty();
            ConfigOrigin origin = block.root().origin();
            try {
                boolean enabled = !block.hasPath("enabled") || block.getBoolean("enabled");
                Severity severity = choice(name, block, "severity", id, rule.info().severity(), Severity::parse, "error, warning or info");
                Admission admission = choice(name, block, "admission", id, Admission.forSeverity(severity), Admission::parse,
                        "deny, warn or off");
                Config params = block.hasPath("params") ? block.getConfig("params") : ConfigFactory.empty();
                rule.validate(params);
                settings.put(id, new RuleSettings(enabled, severity, admission, params));
            } catch (ConfigException e) {
                throw new PolicyException(describe(name, e.origin() != null ? e.origin() : origin,
                        "rule '" + id + "': " + e.getMessage().replaceFirst("^.*?: \\d+: ", "")));
            }
        }
        try {
            boolean annotations = !config.hasPath("suppressions.annotations") || config.getBoolean("suppressions.annotations");
            return new Policy(name, settings, annotations, exemptions(name, config), limits(name, config));
        } catch (ConfigException e) {
            throw new PolicyException(describe(name, e.origin(), e.getMessage().replaceFirst("^.*?: \\d+: ", "")));
        }
    }

    /** A setting that names one of a few words; the fallback when unstated. */
    private static <T> T choice(String policy, Config block, String key, String id, T fallback,
            java.util.function.Function<String, T> parse, String words) throws PolicyException {
        if (!block.hasPath(key)) {
            return fallback;
        }
        String text = block.getString(key);
        try {
            return parse.apply(text);
        } catch (IllegalArgumentException e) {
            throw new PolicyException(describe(policy, block.getValue(key).origin(),
                    key + " of '" + id + "' must be " + words + ", not '" + text + "'"));
        }
    }

    private static Limits limits(String name, Config config) throws PolicyException {
        Config block = config.getConfig("limits");
        for (Map.Entry<String, ConfigValue> entry : block.root().entrySet()) {
            if (!LIMIT_KEYS.contains(entry.getKey())) {
                throw new PolicyException(describe(name, entry.getValue().origin(), "unknown setting '" + entry.getKey()
                        + "' of limits (allowed: " + String.join(", ", new java.util.TreeSet<>(LIMIT_KEYS)) + ")"));
            }
        }
        try {
            return new Limits(block.getBytes("max-file-size"), block.getInt("max-include-depth"),
                    block.getBytes("max-included-size"), block.getBytes("max-expanded-size"), block.getInt("max-replicas"));
        } catch (IllegalArgumentException e) {
            throw new PolicyException(describe(name, block.root().origin(), "limits: " + e.getMessage()));
        }
    }

    private static List<Exemption> exemptions(String name, Config config) throws PolicyException {
        List<Exemption> exemptions = new ArrayList<>();
        if (!config.hasPath("exemptions")) {
            return exemptions;
        }
        for (Config entry : config.getConfigList("exemptions")) {
            ConfigOrigin origin = entry.root().origin();
            for (String key : entry.root().keySet()) {
                if (!EXEMPTION_KEYS.contains(key)) {
                    throw new PolicyException(describe(name, origin, "unknown setting '" + key
                            + "' of an exemption (allowed: rule, namespace, name, reason)"));
                }
            }
            String rule = entry.hasPath("rule") ? entry.getString("rule") : "";
            if (!rule.equals("*") && Rules.byId(rule).isEmpty()) {
                throw new PolicyException(describe(name, origin, "an exemption needs rule = <rule id> or \"*\", not '" + rule + "'"));
            }
            String reason = entry.hasPath("reason") ? entry.getString("reason").strip() : "";
            if (reason.isEmpty()) {
                throw new PolicyException(describe(name, origin, "an exemption needs a reason"));
            }
            exemptions.add(new Exemption(rule, entry.hasPath("namespace") ? entry.getString("namespace") : "*",
                    entry.hasPath("name") ? entry.getString("name") : "*", reason));
        }
        return List.copyOf(exemptions);
    }

    private static String quote(String id) {
        return "\"" + id + "\"";
    }

    private static String describe(String file, ConfigOrigin origin, String problem) {
        int line = origin != null ? origin.lineNumber() : -1;
        String cleaned = problem.replaceFirst("^" + java.util.regex.Pattern.quote(file) + ": ?(\\d+: )?", "");
        return line > 0 ? file + ":" + line + ": " + cleaned : file + ": " + cleaned;
    }
}
