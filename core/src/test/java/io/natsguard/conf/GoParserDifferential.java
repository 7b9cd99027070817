package io.natsguard.conf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.natsguard.testing.GoConfOracle;
import io.natsguard.testing.GoConfOracle.Answer;
import io.natsguard.testing.JsonAssert;
import io.natsguard.testing.Repository;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Fuzzed inputs held against nats-server's own parser: what natsguard made of each input is kept,
 * and every {@link #BATCH} inputs go through one long-lived Go process ({@link GoConfOracle}) at
 * once. A difference in verdict, typed tree or positions fails, naming the input and saving it
 * under {@code target/parser-fuzz-differences/} (the fuzzer's own crash file is the input that
 * happened to fill the batch, not necessarily the one that differs).
 *
 * <p>Trees are compared with every key kept ({@link JsonAssert#readKeepingDuplicateKeys}): two keys
 * that differ only in bytes that are not UTF-8 are both written as U+FFFD, by both parsers.
 */
final class GoParserDifferential implements AutoCloseable {

    static final int BATCH = 500;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** natsguard's reading of one input: its tree and positions as JSON, or its error. */
    private record Reading(byte[] input, String tree, String positions, String error) {
    }

    private final Map<String, String> environment;
    private final List<Reading> pending = new ArrayList<>();
    private GoConfOracle oracle;
    private long compared;

    GoParserDifferential(Map<String, String> environment) {
        this.environment = environment;
    }

    /** Keeps a tree natsguard accepted, to compare with the next batch. */
    void accepted(byte[] input, ConfValue root) throws IOException {
        add(new Reading(input, ConfTreeJson.treeToString(root), ConfTreeJson.positionsToString(root), null));
    }

    /** Keeps a refusal, unless it is one of natsguard's own bounds (the server has none to compare). */
    void refused(byte[] input, ConfParseException e) {
        if (!e.limitExceeded()) {
            add(new Reading(input, null, null, e.getMessage()));
        }
    }

    private void add(Reading reading) {
        pending.add(reading);
        if (pending.size() >= BATCH) {
            compare();
        }
    }

    /** Compares what is pending with the Go parser's answers. */
    void compare() {
        if (pending.isEmpty()) {
            return;
        }
        if (oracle == null) {
            oracle = GoConfOracle.forInputs(environment);
        }
        List<Reading> batch = List.copyOf(pending);
        pending.clear();
        List<Answer> answers = oracle.parseAll(batch.stream().map(Reading::input).toList());
        for (int i = 0; i < batch.size(); i++) {
            compare(batch.get(i), answers.get(i));
        }
        compared += batch.size();
    }

    private static void compare(Reading ours, Answer go) {
        boolean weAccept = ours.error() == null;
        if (weAccept != go.accepted()) {
            throw difference(ours, "verdict: nats-server " + go.verdict() + (go.accepted() ? "" : " (" + go.error() + ")")
                    + ", natsguard " + (weAccept ? "accepts" : "refuses (" + ours.error() + ")"));
        }
        if (!weAccept) {
            return;
        }
        try {
            JsonAssert.assertSameValue(go.tree(), JsonAssert.readKeepingDuplicateKeys(ours.tree()));
            JsonAssert.assertSameValue(go.positions(), JsonAssert.readKeepingDuplicateKeys(ours.positions()));
        } catch (AssertionError e) {
            throw difference(ours, e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static AssertionError difference(Reading ours, String what) {
        Path saved = save(ours.input());
        String text = new String(ours.input(), StandardCharsets.UTF_8);
        JsonNode shown = JSON.getNodeFactory().textNode(text);
        return new AssertionError("natsguard and nats-server's parser disagree on " + shown + " (saved as " + saved + "): " + what);
    }

    private static Path save(byte[] input) {
        try {
            Path dir = Repository.path("core/target/parser-fuzz-differences");
            Files.createDirectories(dir);
            String name = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(input)) + ".conf";
            return Files.write(dir.resolve(name), input);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** How many inputs were compared so far (bench/fuzz-long.sh prints it from the log). */
    long compared() {
        return compared;
    }

    @Override
    public void close() {
        if (oracle != null) {
            oracle.close();
            oracle = null;
        }
    }
}
