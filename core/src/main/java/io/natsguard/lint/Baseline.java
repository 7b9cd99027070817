package io.natsguard.lint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.natsguard.report.Finding;
import io.natsguard.report.Report;
import io.natsguard.report.Suppression;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Today's findings, recorded so that a later run fails only on new ones. A finding is known by a
 * fingerprint of its rule, its file, its message without positions, and the text of its line: it
 * survives edits that move lines, and changes when the offending line itself changes.
 */
public final class Baseline {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final Map<String, Integer> counts;

    private Baseline(Map<String, Integer> counts) {
        this.counts = counts;
    }

    /** Writes the fingerprints of the report's findings that count. */
    public static void write(Path file, Report report) throws IOException {
        List<Finding> findings = report.findings();
        Map<String, String> texts = report.texts();
        ObjectNode root = JSON.createObjectNode();
        root.put("version", 1);
        ObjectNode prints = root.putObject("fingerprints");
        Map<String, Integer> counts = new TreeMap<>();
        for (Finding f : findings) {
            counts.merge(fingerprint(f, texts), 1, Integer::sum);
        }
        counts.forEach(prints::put);
        Files.writeString(file, JSON.writeValueAsString(root) + "\n");
    }

    public static Baseline read(Path file) throws InputException {
        try {
            JsonNode root = JSON.readTree(Files.readString(file));
            JsonNode prints = root == null ? null : root.get("fingerprints");
            if (prints == null || !prints.isObject()) {
                throw new InputException(file + ": not a natsguard baseline (no \"fingerprints\" object)");
            }
            Map<String, Integer> counts = new TreeMap<>();
            prints.fields().forEachRemaining(e -> counts.put(e.getKey(), e.getValue().asInt()));
            return new Baseline(counts);
        } catch (IOException e) {
            throw new InputException(file + ": cannot read the baseline: " + e.getMessage());
        }
    }

    /** Marks as baseline the findings recorded before, as many of each as were recorded. */
    List<Finding> apply(List<Finding> findings, Map<String, String> texts) {
        Map<String, Integer> left = new TreeMap<>(counts);
        List<Finding> result = new ArrayList<>(findings.size());
        for (Finding f : findings) {
            String print = f.counts() ? fingerprint(f, texts) : null;
            if (print != null && left.getOrDefault(print, 0) > 0) {
                left.merge(print, -1, Integer::sum);
                result.add(f.suppressed(new Suppression(Suppression.Kind.BASELINE, "in the baseline")));
            } else {
                result.add(f);
            }
        }
        return result;
    }

    static String fingerprint(Finding f, Map<String, String> texts) {
        String message = f.message().replaceAll(":\\d+:\\d+", "").replaceAll("\\bline \\d+\\b", "line");
        String text = texts.getOrDefault(f.position().file(), "");
        String[] lines = text.split("\n", -1);
        String line = f.position().line() <= lines.length ? lines[f.position().line() - 1].strip() : "";
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String part : new String[] {f.ruleId(), f.position().file(), message, line}) {
                sha.update(part.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            }
            return HexFormat.of().formatHex(sha.digest(), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
