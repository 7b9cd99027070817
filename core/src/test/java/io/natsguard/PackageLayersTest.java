package io.natsguard;

import static org.assertj.core.api.Assertions.assertThat;

import io.natsguard.testing.Repository;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The packages depend one way, in pipeline order: a file may name a package below its own, never one
 * above. Read from the sources themselves (imports and fully qualified names, comments left out), so
 * an arrow upwards fails here before it becomes a cycle.
 */
class PackageLayersTest {

    /** Lowest first: shared value types, then the pipeline's stages, then the shells on top. */
    static final List<String> LAYERS = List.of("base", "limit", "tls", "source", "conf", "model", "edit", "rule", "policy",
            "report", "lint", "fix", "mesh", "webhook", "cli", "bench");

    private static final Path ROOT = Repository.root();
    private static final Pattern PACKAGE = Pattern.compile("^package io\\.natsguard\\.([a-z]+)[.;]", Pattern.MULTILINE);
    private static final Pattern NAMED = Pattern.compile("\\bio\\.natsguard\\.([a-z]+)\\.");
    private static final Pattern COMMENT = Pattern.compile("//[^\\n]*|/\\*.*?\\*/", Pattern.DOTALL);

    @Test
    void everyPackageNamesOnlyPackagesBelowIt() {
        List<String> upwards = new ArrayList<>();
        Set<String> seen = new TreeSet<>();
        for (Path file : mainSources()) {
            String code = COMMENT.matcher(read(file)).replaceAll("");
            Matcher own = PACKAGE.matcher(code);
            assertThat(own.find()).as("%s declares a package under io.natsguard", file).isTrue();
            String from = own.group(1);
            seen.add(from);
            Matcher named = NAMED.matcher(code.substring(own.end()));
            while (named.find()) {
                String to = named.group(1);
                if (!to.equals(from) && layer(to) > layer(from)) {
                    upwards.add(ROOT.relativize(file) + ": " + from + " -> " + to);
                }
            }
        }
        assertThat(seen).as("every package has its layer, and every layer is a package")
                .containsExactlyInAnyOrderElementsOf(LAYERS);
        assertThat(upwards).as("arrows from a lower layer to a higher one (order: %s)", LAYERS).isEmpty();
    }

    @Test
    void anArrowUpwardsIsCaught() {
        String code = "package io.natsguard.rule;\nimport io.natsguard.base.Position;\n// io.natsguard.lint.Linter in a comment is fine\n"
                + "class X { io.natsguard.report.Finding f; }\n";
        String stripped = COMMENT.matcher(code).replaceAll("");
        List<String> names = NAMED.matcher(stripped).results().map(m -> m.group(1)).toList();
        assertThat(names).containsExactly("base", "report");
        assertThat(layer("report")).isGreaterThan(layer("rule"));
    }

    private static int layer(String pkg) {
        int at = LAYERS.indexOf(pkg);
        assertThat(at).as("package io.natsguard.%s has a place in LAYERS", pkg).isNotNegative();
        return at;
    }

    /** Every main Java file of every module (core, cli, webhook, bench) under the repository root. */
    private static List<Path> mainSources() {
        try (Stream<Path> files = Files.walk(ROOT)) {
            return files.filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> ROOT.relativize(f).toString().replace('\\', '/').matches("([^/]+/)*src/main/java/io/natsguard/.*"))
                    .filter(f -> !ROOT.relativize(f).toString().contains("target/"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
