package io.natsguard.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the built {@code bin/natsguard} as a user would, and collects what it printed. */
public final class NatsguardProcess {

    /** The start-up caches of the runs: in the module's build folder, made once for all the tests. */
    public static final Path CACHE = Path.of("target/natsguard-cache").toAbsolutePath();

    public record Result(int exitCode, String stdout, String stderr) {
    }

    private NatsguardProcess() {
    }

    public static Path launcher() {
        return Repository.path("bin/natsguard");
    }

    /**
     * Runs {@code bin/natsguard ARGS} in {@code workDir} with a small environment (PATH, HOME, the
     * test's cache folder) plus {@code env}; stdin is empty; killed after two minutes.
     */
    public static Result run(Path workDir, Map<String, String> env, String... args) throws IOException, InterruptedException {
        return run(workDir, env, null, args);
    }

    /** The same, with text on standard input. */
    public static Result runWithInput(Path workDir, String stdin, String... args) throws IOException, InterruptedException {
        return run(workDir, Map.of(), stdin, args);
    }

    private static Result run(Path workDir, Map<String, String> env, String stdin, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(launcher().toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
        Map<String, String> environment = builder.environment();
        environment.keySet().retainAll(List.of("PATH", "HOME", "JAVA_HOME", "LANG"));
        environment.put("NATSGUARD_CACHE_DIR", CACHE.toString());
        environment.putAll(env);
        Path out = Files.createTempFile("natsguard-out", ".txt");
        Path err = Files.createTempFile("natsguard-err", ".txt");
        Path in = Files.writeString(Files.createTempFile("natsguard-in", ".txt"), stdin == null ? "" : stdin);
        try {
            Process process = builder.redirectInput(in.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly().waitFor();
                throw new AssertionError("natsguard " + String.join(" ", args) + " did not finish in 2 minutes");
            }
            return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(in);
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
