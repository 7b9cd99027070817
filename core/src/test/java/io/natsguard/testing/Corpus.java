package io.natsguard.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The shared corpora (beside the repository, or where -Dnatsguard.corpus says). */
public final class Corpus {

    /**
     * Files of nats-conf the corpus's parser (v2.14.5) refuses and v2.14.10, the release natsguard
     * follows, accepts, by their path under the corpus root, with the change that did it.
     * ParserDifferentialTest holds them to v2.14.10 itself.
     */
    public static final Map<String, String> ACCEPTED_SINCE_V2_14_5 = Map.of(
            "nats-conf/edge/duration_compound_unquoted.conf",
            "lexConvenientNumber: a digit after a size suffix makes the token a string (1m30s)");

    private Corpus() {
    }

    public static Path root() {
        Path root = Path.of(System.getProperty("natsguard.corpus", Repository.root().resolveSibling("shared/corpus").toString()));
        if (!Files.isDirectory(root)) {
            throw new IllegalStateException("shared corpus not found at " + root.toAbsolutePath()
                    + " (set -Dnatsguard.corpus=DIR)");
        }
        return root;
    }

    /** A corpus folder as a path relative to the working directory, the way the server's tests name files. */
    public static Path relative(String folder) {
        Path absolute = root().resolve(folder).toAbsolutePath().normalize();
        return Path.of("").toAbsolutePath().relativize(absolute);
    }

    /**
     * A corpus folder copied into a new git work tree in {@code into}, as it would sit in a
     * repository: natsguard reads what a scanned file refers to (a Kustomize base beside its
     * overlays) only inside the git work tree that holds it.
     */
    public static Path inWorkTree(String folder, Path into) {
        Path source = root().resolve(folder);
        Path copy = into.resolve(source.getFileName().toString());
        try (Stream<Path> files = Files.walk(source)) {
            Files.createDirectories(into);
            for (Path file : files.toList()) {
                Files.copy(file, copy.resolve(source.relativize(file).toString()));
            }
            Git.run(into, "init", "-q");
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The rows of a tab-separated EXPECTED file, by column name, with its escapes undone. */
    public static List<Map<String, String>> tsv(Path file) {
        try {
            List<String> lines = Files.readAllLines(file);
            String[] header = lines.get(0).split("\t", -1);
            List<Map<String, String>> rows = new ArrayList<>();
            for (String line : lines.subList(1, lines.size())) {
                if (line.isBlank()) {
                    continue;
                }
                String[] cells = line.split("\t", -1);
                Map<String, String> row = new LinkedHashMap<>();
                for (int i = 0; i < header.length; i++) {
                    row.put(header[i], i < cells.length ? unescape(cells[i]) : "");
                }
                rows.add(row);
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The corpus escapes: \\ \t \n \r \0. */
    public static String unescape(String cell) {
        StringBuilder out = new StringBuilder(cell.length());
        for (int i = 0; i < cell.length(); i++) {
            char c = cell.charAt(i);
            if (c != '\\' || i + 1 == cell.length()) {
                out.append(c);
                continue;
            }
            char n = cell.charAt(++i);
            switch (n) {
                case '\\' -> out.append('\\');
                case 't' -> out.append('\t');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case '0' -> out.append('\0');
                default -> out.append('\\').append(n);
            }
        }
        return out.toString();
    }
}
