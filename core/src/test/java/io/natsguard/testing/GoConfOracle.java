package io.natsguard.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * nats-server's own config parser as a test oracle: the Go program in {@code core/src/test/go}
 * (the {@code conf} package of the release its go.mod pins, {@link Peers#NEWEST}), built with
 * {@code go build} into {@code target/} once per test run (Go's build cache makes that quick), and
 * run as one process for many inputs. Answers carry the verdict, the error text, and the typed tree
 * and positions in the shared nats-conf corpus' JSON format.
 */
public final class GoConfOracle implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SOURCE = Repository.path("core/src/test/go");
    private static final String HOW_TO_GET_GO = "Go is needed to build the parser oracle " + SOURCE
            + ": install Go (the version core/src/test/go/go.mod names; /usr/local/go/bin or apt-get install golang-go), "
            + "then run (cd core/src/test/go && go mod download) at the top of the checkout (.ci/peers does)";
    /** Where each running process writes its standard error. */
    private static final Map<Process, Path> STDERR = new ConcurrentHashMap<>();
    private static Path binary;

    /**
     * What the real parser made of one input: verdict "ok", "error" or "crash" (a Go panic); the
     * tree and positions keep duplicate keys ({@link JsonAssert#readKeepingDuplicateKeys}).
     */
    public record Answer(String verdict, String error, JsonNode tree, JsonNode positions) {
        public boolean accepted() {
            return verdict.equals("ok");
        }
    }

    private final Process process;
    private final DataOutputStream input;
    private final BufferedReader output;

    private GoConfOracle(Process process) {
        this.process = process;
        this.input = new DataOutputStream(process.getOutputStream());
        this.output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    /** A long-lived process that parses in-memory inputs ({@code conf.ParseWithChecks}) in this environment. */
    public static GoConfOracle forInputs(Map<String, String> environment) {
        return new GoConfOracle(start(List.of(build().toString(), "-inputs"), Path.of("."), environment));
    }

    /**
     * Each file ({@code conf.ParseFileWithChecks}), in one process run in {@code workingDirectory},
     * each with its own environment (an empty map: none).
     */
    public static List<Answer> parseFiles(Path workingDirectory, Map<String, Map<String, String>> filesWithEnvironments) {
        Process process = start(List.of(build().toString(), "-paths"), workingDirectory, Map.of());
        try (GoConfOracle oracle = new GoConfOracle(process)) {
            List<String> lines = new ArrayList<>();
            filesWithEnvironments.forEach((file, env) -> lines.add(env.isEmpty() ? file : file + "\t" + json(env)));
            return oracle.exchange(lines.size(), out -> {
                for (String line : lines) {
                    out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                }
            });
        }
    }

    /**
     * What the Go parser says about one file run alone, exit code and standard error included: for
     * the files that crash it outright (an include cycle overflows its stack), which would end a batch.
     */
    public static ProcessResult parseFileAlone(Path workingDirectory, String file) {
        Process process = start(List.of(build().toString(), file), workingDirectory, Map.of());
        try {
            process.getInputStream().transferTo(OutputStream.nullOutputStream());
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                throw new AssertionError("the Go parser did not end on " + file);
            }
            return new ProcessResult(process.exitValue(), stderrOf(process));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } finally {
            stop(process);
        }
    }

    /** Exit code and standard error of one run. */
    public record ProcessResult(int exitCode, String stderr) {
    }

    /** The answers for these inputs, in order; the inputs are written while the answers are read. */
    public List<Answer> parseAll(List<byte[]> inputs) {
        return exchange(inputs.size(), out -> {
            for (byte[] one : inputs) {
                input.writeInt(one.length);
                input.write(one);
            }
        });
    }

    @FunctionalInterface
    private interface Writer {
        void writeTo(OutputStream out) throws IOException;
    }

    private List<Answer> exchange(int count, Writer writer) {
        // A writer of its own: the program answers as it reads, so writing everything before
        // reading could fill both pipes and wait forever.
        CompletableFuture<Void> written = CompletableFuture.runAsync(() -> {
            try {
                writer.writeTo(input);
                input.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        List<Answer> answers = new ArrayList<>(count);
        try {
            for (int i = 0; i < count; i++) {
                String line = output.readLine();
                if (line == null) {
                    throw new AssertionError("the Go parser ended after " + i + " of " + count + " answers: "
                            + stderrOf(process));
                }
                JsonNode answer = JsonAssert.readKeepingDuplicateKeys(line);
                answers.add(new Answer(answer.get("verdict").asText(), answer.path("error").asText(""),
                        answer.get("tree"), answer.get("pos")));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        written.join();
        return answers;
    }

    @Override
    public void close() {
        stop(process);
    }

    private static void stop(Process process) {
        Path stderr = STDERR.remove(process);
        try {
            process.getOutputStream().close();
        } catch (IOException ignored) {
            // it is being stopped anyway
        }
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                ProcessHandle.of(process.pid()).ifPresent(ProcessHandle::destroyForcibly);
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            ProcessHandle.of(process.pid()).ifPresent(ProcessHandle::destroyForcibly);
            Thread.currentThread().interrupt();
        }
        try {
            Files.deleteIfExists(stderr);
        } catch (IOException ignored) {
            // a leftover file under target/ is harmless
        }
    }

    /** Builds the program into target/ (once per JVM) and returns it. */
    public static synchronized Path build() {
        if (binary != null) {
            return binary;
        }
        Path target = Repository.path("core/target/conforacle");
        ProcessBuilder go = new ProcessBuilder("go", "build", "-o", target.toString(), ".")
                .directory(SOURCE.toFile()).redirectErrorStream(true);
        try {
            Process build = go.start();
            String log = new String(build.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (build.waitFor() != 0 || !Files.isExecutable(target)) {
                throw new AssertionError("go build of " + SOURCE + " failed:\n" + log + "\n" + HOW_TO_GET_GO);
            }
        } catch (IOException e) {
            throw new AssertionError(HOW_TO_GET_GO + " (" + e.getMessage() + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        binary = target;
        return binary;
    }

    /** Starts the program; its standard error goes to a file beside it (a crash can print megabytes). */
    private static Process start(List<String> command, Path workingDirectory, Map<String, String> environment) {
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile());
        builder.environment().clear();
        builder.environment().putAll(environment);
        try {
            Path stderr = Files.createTempFile(binary.getParent(), "conforacle-", ".stderr");
            Process process = builder.redirectError(stderr.toFile()).start();
            STDERR.put(process, stderr);
            return process;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The first 64 KiB of what the process wrote to standard error. */
    private static String stderrOf(Process process) {
        try (InputStream in = Files.newInputStream(STDERR.get(process))) {
            return new String(in.readNBytes(64 << 10), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String json(Map<String, String> environment) {
        try {
            return JSON.writeValueAsString(environment);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
