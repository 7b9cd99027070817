package io.natsguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The release archive installs and runs without the source tree, through a symlink on PATH as the README says. */
class DistributionIT {

    private static final Path HOME = Path.of(System.getProperty("natsguard.home", ".")).toAbsolutePath();

    @TempDir
    Path tmp;

    @Test
    void theArchiveInstallsAndRunsFromAnywhere() throws Exception {
        Path archive;
        try (Stream<Path> files = Files.list(HOME.resolve("target"))) {
            archive = files.filter(p -> p.getFileName().toString().matches("natsguard-.*\\.tar\\.gz")).findFirst().orElseThrow();
        }
        // the checksum beside it is the archive's, in sha256sum's format
        Path checksum = archive.resolveSibling(archive.getFileName() + ".sha256");
        String sha256 = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(archive)));
        assertThat(Files.readString(checksum).strip()).isEqualTo(sha256 + " *" + archive.getFileName());
        Path opt = Files.createDirectories(tmp.resolve("opt"));
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        assertThat(exec(tmp, "tar", "-xzf", archive.toString(), "-C", opt.toString()).exitCode).isZero();
        Path installed;
        try (Stream<Path> dirs = Files.list(opt)) {
            installed = dirs.findFirst().orElseThrow();
        }
        Files.createSymbolicLink(bin.resolve("natsguard"), installed.resolve("bin/natsguard"));
        Path conf = Files.writeString(tmp.resolve("nats.conf"), "cluster { name: c1, routes: [ nats://a:6222 ] }\n");

        Run parsed = exec(tmp, bin.resolve("natsguard").toString(), "parse", conf.toString());
        assertThat(parsed.exitCode).as(parsed.stderr).isZero();
        assertThat(parsed.stdout).contains("\"routes\": [").contains("\"nats://a:6222\"");

        Run version = exec(tmp, bin.resolve("natsguard").toString(), "--version");
        assertThat(version.stdout.strip()).matches("natsguard \\d+\\.\\d+\\.\\d+\\S* \\(commit ([0-9a-f]{7,}(-dirty)?|unknown)\\)");
    }

    private record Run(int exitCode, String stdout, String stderr) {
    }

    private Run exec(Path dir, String... command) throws IOException, InterruptedException {
        Path out = tmp.resolve("out.txt");
        Path err = tmp.resolve("err.txt");
        ProcessBuilder builder = new ProcessBuilder(List.of(command)).directory(dir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().put("NATSGUARD_CACHE_DIR", tmp.resolve("cache").toString());
        Process process = builder.start();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError(String.join(" ", command) + " hung");
        }
        return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }
}
