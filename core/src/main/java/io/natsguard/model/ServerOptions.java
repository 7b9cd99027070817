package io.natsguard.model;

import io.natsguard.conf.ConfValue.Type;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The options nats-server accepts, by block, with the value types they take, the pinned release that
 * brought each in and the one that deprecated it: the table {@code server-options.tsv} beside this
 * class, read from server/opts.go of each pinned release. Keys are lower case: the server lower-cases
 * them before it looks. In a tls block an unknown key is an error even when it is a used variable;
 * elsewhere a key defined to be used as a $variable is allowed.
 */
public final class ServerOptions {

    /** The releases the table was read from and is checked against, oldest first ("2.9.10" is Debian's). */
    public static final List<NatsVersion> RELEASES = List.of(NatsVersion.of(2, 9, 10), NatsVersion.of(2, 10, 27),
            NatsVersion.of(2, 11, 17), NatsVersion.of(2, 12, 15), NatsVersion.of(2, 14, 10));
    /** The release a config is judged by when no pod's version is known. */
    public static final NatsVersion NEWEST = RELEASES.get(RELEASES.size() - 1);

    /**
     * One option of a block.
     *
     * @param block           where it is written: top, cluster, cluster.authorization, authorization, tls, leafnodes,
     *                        gateway, jetstream, websocket, mqtt, accounts.account
     * @param name            the key, lower case
     * @param types           the value types the server takes
     * @param since           the first pinned release that accepts it (the oldest means "that one or earlier")
     * @param deprecatedSince the first pinned release that warns about it, or null
     * @param instead         what to write instead of a deprecated option, or null
     */
    public record Option(String block, String name, Set<Type> types, NatsVersion since, NatsVersion deprecatedSince,
            String instead) {

        /** Whether the release accepts it (the table's releases: no pinned release removed an option). */
        public boolean knownIn(NatsVersion release) {
            return since.compareTo(release) <= 0;
        }

        /** When it came in: "2.9.10 or earlier", or "after 2.9.10 (2.10.27 accepts it)" (the pinned releases that tell). */
        public String cameIn() {
            int i = RELEASES.indexOf(since);
            return i == 0 ? since + " or earlier" : "after " + RELEASES.get(i - 1) + " (" + since + " accepts it)";
        }

        /** Whether the release warns about it. */
        public boolean deprecatedIn(NatsVersion release) {
            return deprecatedSince != null && deprecatedSince.compareTo(release) <= 0;
        }
    }

    /** Every option, in the table's order (by block, then in opts.go's order). */
    public static final List<Option> ALL = read();

    private static final Map<String, Map<String, Option>> BY_BLOCK = byBlock();
    private static final Map<String, Map<String, Set<Type>>> TYPES = typesByBlock();

    /** Top-level options and the types they take (ANY where the server takes several shapes). */
    public static final Map<String, Set<Type>> TOP_LEVEL = types("top");
    /** The cluster block. */
    public static final Map<String, Set<Type>> CLUSTER = types("cluster");
    /** A cluster's authorization block (users, token and auth_callout the server refuses there). */
    public static final Map<String, Set<Type>> CLUSTER_AUTHORIZATION = types("cluster.authorization");
    /** Any tls block. */
    public static final Map<String, Set<Type>> TLS = types("tls");
    /**
     * For recognising NATS config among other .conf text: options with one clear type, but for host and
     * net, which many other configs set to a string too (host = "db", port = 5432 is no NATS config).
     */
    public static final Map<String, Type> TOP_LEVEL_TYPES = topLevelTypes();

    private ServerOptions() {
    }

    /** The names of the blocks, in the table's order. */
    public static Set<String> blocks() {
        return BY_BLOCK.keySet();
    }

    /** The options of a block and the types they take, as the newest release knows them. */
    public static Map<String, Set<Type>> types(String block) {
        options(block);
        return TYPES.get(block);
    }

    /** The options of a block by name. */
    public static Map<String, Option> options(String block) {
        Map<String, Option> options = BY_BLOCK.get(block);
        if (options == null) {
            throw new IllegalArgumentException("no block " + block + " in server-options.tsv: " + BY_BLOCK.keySet());
        }
        return options;
    }

    /** An option of a block, whatever the case of the key. */
    public static Optional<Option> option(String block, String key) {
        return Optional.ofNullable(options(block).get(key.toLowerCase(Locale.ROOT)));
    }

    /**
     * The pinned release whose table judges a server of this version: the one of its line, else the
     * next newer pinned one (it knows at least as much, so nothing is called unknown by mistake),
     * else the newest.
     */
    public static NatsVersion judgedBy(NatsVersion version) {
        for (NatsVersion release : RELEASES) {
            if (release.sameLineOrNewer(version)) {
                return release;
            }
        }
        return NEWEST;
    }

    private static List<Option> read() {
        List<Option> options = new ArrayList<>();
        try (InputStream in = ServerOptions.class.getResourceAsStream("server-options.tsv")) {
            if (in == null) {
                throw new IllegalStateException("server-options.tsv is missing beside ServerOptions");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    options.add(option(line.split("\t")));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return List.copyOf(options);
    }

    private static Option option(String[] columns) {
        Set<Type> types = EnumSet.noneOf(Type.class);
        for (String type : columns[3].split(",")) {
            types.addAll(type.equals("any") ? EnumSet.allOf(Type.class) : EnumSet.of(Type.valueOf(type.toUpperCase(Locale.ROOT))));
        }
        NatsVersion deprecated = columns.length > 4 ? NatsVersion.parse(columns[4]).orElseThrow() : null;
        return new Option(columns[0], columns[1], Collections.unmodifiableSet(types), NatsVersion.parse(columns[2]).orElseThrow(),
                deprecated, columns.length > 5 ? columns[5] : null);
    }

    private static Map<String, Map<String, Option>> byBlock() {
        Map<String, Map<String, Option>> blocks = new LinkedHashMap<>();
        for (Option option : ALL) {
            blocks.computeIfAbsent(option.block(), b -> new LinkedHashMap<>()).put(option.name(), option);
        }
        blocks.replaceAll((block, options) -> Collections.unmodifiableMap(options));
        return Collections.unmodifiableMap(blocks);
    }

    private static Map<String, Map<String, Set<Type>>> typesByBlock() {
        Map<String, Map<String, Set<Type>>> blocks = new LinkedHashMap<>();
        BY_BLOCK.forEach((block, options) -> {
            Map<String, Set<Type>> types = new LinkedHashMap<>();
            options.forEach((name, option) -> types.put(name, option.types()));
            blocks.put(block, Collections.unmodifiableMap(types));
        });
        return Collections.unmodifiableMap(blocks);
    }

    private static Map<String, Type> topLevelTypes() {
        Map<String, Type> types = new LinkedHashMap<>();
        TOP_LEVEL.forEach((k, t) -> {
            if (t.size() == 1 && !k.equals("host") && !k.equals("net")) {
                types.put(k, t.iterator().next());
            }
        });
        return Collections.unmodifiableMap(types);
    }
}
