package io.natsguard.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.natsguard.conf.ConfValue.Type;
import io.natsguard.testing.Peers;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * The option tables against every pinned nats-server: configs that write each option of each block
 * (a value of a type the table gives) and an unknown key per block, checked with {@code nats-server -t}. A
 * server must report "unknown field" exactly for the options the table says its release does not
 * know, warn (its deprecation warning, which the table quotes) exactly where the table says it deprecates one, and never
 * stop on a value of the type the table gives (an "interface conversion" error).
 *
 * <p>The server reports every error of a run at once, with its line, so the configs are batched:
 * the top level in one config (the server reads each top-level key on its own), and the n-th option
 * of every block in the n-th config, one block per section, so that a value the server stops a block
 * on cannot hide another option.
 */
@Timeout(120)
class OptionTablesAgainstServersTest {

    /** Where each block of the table is written. */
    private static final Map<String, List<String>> PATHS = Map.ofEntries(Map.entry("cluster", List.of("cluster")),
            Map.entry("cluster.authorization", List.of("cluster", "authorization")),
            Map.entry("authorization", List.of("authorization")), Map.entry("tls", List.of("tls")),
            Map.entry("leafnodes", List.of("leafnodes")), Map.entry("gateway", List.of("gateway")),
            Map.entry("jetstream", List.of("jetstream")), Map.entry("websocket", List.of("websocket")),
            Map.entry("mqtt", List.of("mqtt")), Map.entry("accounts.account", List.of("accounts", "A")));

    /** An error line of {@code nats-server -t}: file, line, column, message. */
    private static final Pattern ERROR = Pattern.compile("^(?:nats-server: )?[^:\\s]+:(\\d+):\\d+: (.*)$");
    private static final Pattern UNKNOWN = Pattern.compile("unknown field \\[?\"([^\"]+)\"\\]?");
    /** The server's deprecation warnings, as the table's advice quotes them ("... (the server warns: TEXT)"). */
    private static final List<String> deprecationWarnings = ServerOptions.ALL.stream().filter(o -> o.instead() != null)
            .map(o -> o.instead().replaceFirst("^.*warns: (.*)\\)$", "$1")).distinct().toList();

    static final List<String> releases = Peers.ALL;

    @TempDir
    Path dir;

    /** One line of a generated config: the option it writes (null for the unknown key), and the line of its block. */
    private record Written(String block, String key, ServerOptions.Option option, int parentLine) {
    }

    /** A generated config: its text and, by line, what each line writes. */
    private static final class Config {
        final StringBuilder text = new StringBuilder();
        final Map<Integer, Written> lines = new LinkedHashMap<>();
        int line;

        int add(String text) {
            this.text.append(text).append('\n');
            return ++line;
        }
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("releases")
    void theServerKnowsWhatTheTableSaysItsReleaseKnows(String release) throws Exception {
        NatsVersion judged = ServerOptions.judgedBy(NatsVersion.parse(release).orElseThrow());
        assertThat(judged.toString()).as("the table is read from this release").isEqualTo(release.substring(1));
        List<String> wrong = new ArrayList<>();
        for (Config config : configs()) {
            String output = check(Peers.natsServer(release), config);
            Map<Integer, List<String>> errors = errorsByLine(output);
            for (Map.Entry<Integer, Written> e : config.lines.entrySet()) {
                wrong.addAll(verdict(e.getValue(), errors.getOrDefault(e.getKey(), List.of()),
                        errors.getOrDefault(e.getValue().parentLine(), List.of()), judged));
            }
        }
        assertThat(wrong).as("nats-server %s disagrees with server-options.tsv", release).isEmpty();
    }

    private static List<String> verdict(Written w, List<String> errors, List<String> parentErrors, NatsVersion release) {
        List<String> wrong = new ArrayList<>();
        String where = w.block() + " " + w.key();
        boolean serverUnknown = errors.stream().anyMatch(m -> unknown(m, w.key()));
        boolean tableKnows = w.option() != null && w.option().knownIn(release);
        if (serverUnknown == tableKnows) {
            wrong.add(where + ": the server calls it " + (serverUnknown ? "unknown" : "known") + ", the table "
                    + (tableKnows ? "known (since " + w.option().since() + ")" : "unknown"));
        }
        if (w.option() == null) {
            return wrong;
        }
        errors.stream().filter(m -> m.contains("interface conversion"))
                .forEach(m -> wrong.add(where + ": a value of type " + sampleType(w.option()) + " stops the server: " + m));
        // cluster { authorization { permissions } } is warned about at the authorization key
        boolean warned = deprecationWarnings.stream().anyMatch(warning -> errors.stream().anyMatch(m -> m.contains(warning))
                || w.block().equals("cluster.authorization") && parentErrors.stream().anyMatch(m -> m.contains(warning)));
        if (warned != w.option().deprecatedIn(release)) {
            wrong.add(where + ": the server " + (warned ? "warns" : "does not warn") + ", the table says "
                    + (w.option().deprecatedIn(release) ? "deprecated" : "not deprecated"));
        }
        return wrong;
    }

    private static boolean unknown(String message, String key) {
        Matcher m = UNKNOWN.matcher(message);
        return m.find() && m.group(1).equalsIgnoreCase(key);
    }

    /** The top level in one config; then config n holds the n-th option of every block (cluster.authorization apart from cluster). */
    private static List<Config> configs() {
        List<Config> configs = new ArrayList<>();
        Config top = new Config();
        top.lines.put(top.add("zz_unknown_option: 1"), new Written("top", "zz_unknown_option", null, 0));
        for (ServerOptions.Option option : ServerOptions.options("top").values()) {
            top.lines.put(top.add(option.name() + ": " + sample(option)), new Written("top", option.name(), option, 0));
        }
        configs.add(top);
        for (List<String> group : List.of(PATHS.keySet().stream().filter(b -> !b.equals("cluster.authorization")).toList(),
                List.of("cluster.authorization"))) {
            int most = group.stream().mapToInt(b -> ServerOptions.options(b).size()).max().orElseThrow();
            for (int n = -1; n < most; n++) {
                Config config = new Config();
                for (String block : new TreeSet<>(group)) {
                    List<ServerOptions.Option> options = List.copyOf(ServerOptions.options(block).values());
                    if (n < options.size()) {
                        write(config, block, n < 0 ? null : options.get(n));
                    }
                }
                configs.add(config);
            }
        }
        return configs;
    }

    /** The option (or, for null, an unknown key) inside its block's path. */
    private static void write(Config config, String block, ServerOptions.Option option) {
        List<String> path = PATHS.get(block);
        int parentLine = 0;
        for (String section : path) {
            parentLine = config.add(section + " {");
        }
        String key = option == null ? "zz_unknown_option" : option.name();
        config.lines.put(config.add(key + ": " + (option == null ? "1" : sample(option))), new Written(block, key, option, parentLine));
        path.forEach(section -> config.add("}"));
    }

    /** The types a sample value is of, in order of preference: an int where the oldest release took only ints. */
    private static final List<Type> PREFERRED = List.of(Type.MAP, Type.ARRAY, Type.INT, Type.BOOL, Type.FLOAT, Type.STRING);

    /** The type of the option's sample value: a string where it takes any. */
    private static Type sampleType(ServerOptions.Option option) {
        return option.types().size() == Type.values().length ? Type.STRING
                : PREFERRED.stream().filter(option.types()::contains).findFirst().orElseThrow();
    }

    private static String sample(ServerOptions.Option option) {
        return switch (sampleType(option)) {
            case MAP -> "{}";
            case ARRAY -> "[]";
            case STRING, DATETIME -> "\"x\"";
            case INT -> "1";
            case FLOAT -> "1.5";
            case BOOL -> "true";
        };
    }

    private static Map<Integer, List<String>> errorsByLine(String output) {
        Map<Integer, List<String>> errors = new LinkedHashMap<>();
        for (String line : output.split("\n")) {
            Matcher m = ERROR.matcher(line.strip());
            if (m.matches()) {
                errors.computeIfAbsent(Integer.parseInt(m.group(1)), k -> new ArrayList<>()).add(m.group(2));
            }
        }
        return errors;
    }

    /** {@code nats-server -t -c} on the config: what it printed. */
    private String check(Path server, Config config) throws Exception {
        Path file = Files.createTempFile(dir, "options", ".conf");
        Files.writeString(file, config.text);
        Process process = new ProcessBuilder(server.toString(), "-t", "-c", file.toString()).redirectErrorStream(true).start();
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            process.getInputStream().transferTo(out);
            assertThat(process.waitFor(20, TimeUnit.SECONDS)).as("nats-server -t ended").isTrue();
            return out.toString(StandardCharsets.UTF_8);
        } finally {
            process.destroyForcibly();
        }
    }
}
