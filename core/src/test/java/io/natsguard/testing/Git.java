package io.natsguard.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The real git, for tests that need a work tree or a repository to clone from. */
public final class Git {

    private Git() {
    }

    /** Runs git in a folder; a failure fails the test, with what git said. */
    public static void run(Path dir, String... args) {
        List<String> command = new ArrayList<>(List.of("git", "-c", "user.name=natsguard", "-c", "user.email=dev@natsguard.io"));
        command.addAll(List.of(args));
        try {
            Process git = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
            String said = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (git.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " in " + dir + " failed: " + said);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A bare repository at {@code bare} whose branch main holds these files (path to text). */
    public static Path bareRepository(Path bare, Map<String, String> files) throws IOException {
        Path work = Files.createDirectories(bare.resolveSibling(bare.getFileName() + "-work"));
        for (Map.Entry<String, String> file : files.entrySet()) {
            Path path = work.resolve(file.getKey());
            Files.createDirectories(path.getParent());
            Files.writeString(path, file.getValue());
        }
        run(work, "init", "-q", "-b", "main");
        run(work, "add", ".");
        run(work, "commit", "-q", "-m", "remote base");
        run(work, "clone", "-q", "--bare", work.toString(), bare.toString());
        return bare;
    }
}
