package io.natsguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The release archive installs and runs without the source tree, through a symlink on PATH as the README says. */
class DistributionIT {

    /** The mesh CronJob's setting (webhook-manifests/mesh-cronjob): the JVM sizes a 96 MiB heap. */
    private static final String SMALL_HEAP = "-XX:MaxRAM=192m";

    @TempDir
    Path tmp;

    @Test
    void theArchiveInstallsAndRunsFromAnywhere() throws Exception {
        Path archive = archive();
        // the checksum beside it is the archive's, in sha256sum's format
        Path checksum = archive.resolveSibling(archive.getFileName() + ".sha256");
        String sha256 = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(archive)));
        assertThat(Files.readString(checksum).strip()).isEqualTo(sha256 + " *" + archive.getFileName());
        Path natsguard = install(archive);
        Path conf = Files.writeString(tmp.resolve("nats.conf"), "cluster { name: c1, routes: [ nats://a:6222 ] }\n");

        Run parsed = exec(Map.of(), natsguard.toString(), "parse", conf.toString());
        assertThat(parsed.exitCode).as(parsed.stderr).isZero();
        assertThat(parsed.stdout).contains("\"routes\": [").contains("\"nats://a:6222\"");

        Run version = exec(Map.of(), natsguard.toString(), "--version");
        assertThat(version.stdout.strip()).matches("natsguard \\d+\\.\\d+\\.\\d+\\S* \\(commit ([0-9a-f]{7,}(-dirty)?|unknown)\\)");

        // every command is listed, serve too, though the launcher starts the webhook application for it
        Run help = exec(Map.of(), natsguard.toString(), "--help");
        assertThat(help.exitCode).isZero();
        assertThat(help.stdout).containsPattern("(?m)^  serve +Run the admission webhook")
                .containsPattern("(?m)^  lint ").containsPattern("(?m)^  fix ").containsPattern("(?m)^  parse ")
                .containsPattern("(?m)^  mesh ").containsPattern("(?m)^  rules ");
    }

    /**
     * The launcher in a small heap, on the JDK it picks and on each JDK installed: it adds no young
     * generation the heap cannot hold, the start-up cache it makes is one the JVM starts with, and
     * where the user's options make the JVM refuse the cache (a young generation as large as the
     * heap), the start is a plain one, the first time and after.
     */
    @Test
    void aSmallHeapStartsOnTheJdkPickedAndOnEachJdk() throws Exception {
        Path natsguard = install(archive());
        Path conf = Files.writeString(tmp.resolve("nats.conf"), "cluster { name: c1, routes: [ nats://a:6222 ] }\n");
        List<String> javaHomes = new ArrayList<>();
        javaHomes.add(null);
        javaHomes.addAll(installedJdks());
        assertThat(javaHomes).as("the JDKs of /usr/lib/jvm").hasSizeGreaterThan(1);
        for (String javaHome : javaHomes) {
            String jdk = javaHome == null ? "the JDK the launcher picks" : javaHome;
            Path cache = Files.createDirectories(tmp.resolve("cache-" + javaHomes.indexOf(javaHome)));
            Map<String, String> env = new HashMap<>(Map.of("JAVA_TOOL_OPTIONS", SMALL_HEAP, "NATSGUARD_CACHE_DIR", cache.toString()));
            if (javaHome != null) {
                env.put("NATSGUARD_JAVA_HOME", javaHome);
            }
            for (String run : List.of("makes the cache", "uses it")) {
                Run parsed = exec(env, natsguard.toString(), "parse", conf.toString());
                assertThat(parsed.exitCode).as(jdk + ", " + run + ": " + parsed.stderr).isZero();
                assertThat(parsed.stdout).as(jdk).contains("\"nats://a:6222\"");
                assertThat(parsed.stderr).as(jdk + ": no -Xmn beyond the heap").doesNotContain("NewSize", "AOT cache", "Error");
            }
            assertThat(files(cache)).as(jdk + ": a cache the JVM starts with").anyMatch(name -> name.endsWith(".aot") || name.endsWith(".jsa"))
                    .anyMatch(name -> name.endsWith(".ok")).noneMatch(name -> name.endsWith(".refused"));

            env.put("NATSGUARD_JAVA_OPTS", "-Xmn256m");
            for (String run : List.of("makes the cache", "after it")) {
                Run forced = exec(env, natsguard.toString(), "parse", conf.toString());
                assertThat(forced.exitCode).as(jdk + ", the user's -Xmn256m, " + run + ": " + forced.stderr).isZero();
                assertThat(forced.stdout).as(jdk).contains("\"nats://a:6222\"");
                assertThat(forced.stderr).as(jdk).doesNotContain("Unable to use", "Error occurred");
            }
        }
    }

    private static Path archive() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("target").toAbsolutePath())) {
            return files.filter(p -> p.getFileName().toString().matches("natsguard-.*\\.tar\\.gz")).findFirst().orElseThrow();
        }
    }

    /** Unpacks the archive under tmp/opt and links its launcher from tmp/bin, as the README's Install does. */
    private Path install(Path archive) throws IOException, InterruptedException {
        Path opt = Files.createDirectories(tmp.resolve("opt"));
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        assertThat(exec(Map.of(), "tar", "-xzf", archive.toString(), "-C", opt.toString()).exitCode).isZero();
        Path installed;
        try (Stream<Path> dirs = Files.list(opt)) {
            installed = dirs.findFirst().orElseThrow();
        }
        return Files.createSymbolicLink(bin.resolve("natsguard"), installed.resolve("bin/natsguard"));
    }

    /** Each JDK of /usr/lib/jvm once (Debian links java-1.17.0-openjdk-amd64 to java-17-openjdk-amd64). */
    private static List<String> installedJdks() throws IOException {
        Set<Path> jdks = new LinkedHashSet<>();
        try (Stream<Path> dirs = Files.list(Path.of("/usr/lib/jvm"))) {
            for (Path dir : dirs.sorted().toList()) {
                if (Files.isExecutable(dir.resolve("bin/java")) && Files.exists(dir.resolve("release"))) {
                    jdks.add(dir.toRealPath());
                }
            }
        }
        return jdks.stream().map(Path::toString).toList();
    }

    private static List<String> files(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).toList();
        }
    }

    private record Run(int exitCode, String stdout, String stderr) {
    }

    private Run exec(Map<String, String> env, String... command) throws IOException, InterruptedException {
        Path out = tmp.resolve("out.txt");
        Path err = tmp.resolve("err.txt");
        ProcessBuilder builder = new ProcessBuilder(List.of(command)).directory(tmp.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().put("NATSGUARD_CACHE_DIR", tmp.resolve("cache").toString());
        builder.environment().putAll(env);
        Process process = builder.start();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError(String.join(" ", command) + " hung");
        }
        return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }
}
