package io.natsguard.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.natsguard.testing.Repository;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The container build file cannot be built here (no Docker engine): what can be checked is that
 * every path it copies from the build context (the repository, after both builds) exists, and that
 * it starts what it copies.
 */
class WebhookImageIT {

    private static final Path REPOSITORY = Repository.root();
    private static final Path DOCKERFILE = Path.of("src/main/docker/Dockerfile.jvm");

    @Test
    void everyPathTheImageCopiesIsInTheBuildOutput() throws Exception {
        List<String> destinations = new ArrayList<>();
        int copies = 0;
        for (String line : Files.readAllLines(DOCKERFILE)) {
            if (!line.startsWith("COPY ")) {
                continue;
            }
            String[] words = line.trim().split("\\s+");
            assertThat(words).as(line).hasSize(3);
            Path source = REPOSITORY.resolve(words[1]);
            assertThat(source).as(line + " (build both applications first)").exists();
            if (words[1].endsWith("/")) {
                assertThat(source).isDirectory().isNotEmptyDirectory();
            }
            destinations.add(words[2]);
            copies++;
        }
        assertThat(copies).isEqualTo(10);
        assertThat(destinations).contains("/opt/natsguard/bin/natsguard", "/opt/natsguard/lib/webhook-app/quarkus-run.jar",
                "/opt/natsguard/lib/quarkus-app/quarkus-run.jar");
        String file = Files.readString(DOCKERFILE);
        assertThat(file).contains("ENTRYPOINT [\"/opt/natsguard/bin/natsguard\"]", "RUN /opt/natsguard/bin/natsguard serve --aot-train",
                "USER 10001");
        // the launcher finds the applications where the image puts them
        assertThat(Files.readString(REPOSITORY.resolve("bin/natsguard"))).contains("$home/lib/webhook-app", "$home/lib/quarkus-app");
    }
}
