package io.natsguard.limit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a run may read beyond the paths it names: their git work tree, else the working directory that holds them. */
class ReadScopeTest {

    @Test
    void outsideGitTheWorkingDirectoryThatHoldsANamedFileIsItsScope(@TempDir Path top) throws Exception {
        Path project = Files.createDirectories(top.resolve("project"));
        Files.createDirectories(project.resolve("argocd/infra"));
        Files.writeString(project.resolve("argocd/infra/app.yaml"), "kind: Application\n");
        Path elsewhere = Files.createDirectories(top.resolve("elsewhere"));
        Files.writeString(elsewhere.resolve("x.conf"), "port: 4222\n");

        // pre-commit names files from the project's top: what they refer to elsewhere in it may be read
        assertThat(ReadScope.around(List.of("argocd/infra/app.yaml"), project).roots()).containsExactly(project);
        assertThat(ReadScope.around(List.of("argocd"), project).roots()).containsExactly(project);
        // a file outside the working directory gets its own folder only
        assertThat(ReadScope.around(List.of(elsewhere.resolve("x.conf").toString()), project).roots()).containsExactly(elsewhere);
        // the file system's root is never the scope
        Path root = top.getRoot();
        assertThat(ReadScope.around(List.of(project.resolve("argocd/infra/app.yaml").toString()), root).roots())
                .containsExactly(project.resolve("argocd/infra"));
    }

    @Test
    void aGitWorkTreeWinsOverTheWorkingDirectory(@TempDir Path top) throws Exception {
        Path repo = Files.createDirectories(top.resolve("repo"));
        Files.createDirectories(repo.resolve(".git"));
        Files.createDirectories(repo.resolve("deploy"));
        Files.writeString(repo.resolve("deploy/nats.conf"), "port: 4222\n");
        assertThat(ReadScope.around(List.of("repo/deploy/nats.conf"), top).roots()).containsExactly(repo);
        assertThat(ReadScope.around(List.of("-"), top).roots()).isEmpty();
    }
}
