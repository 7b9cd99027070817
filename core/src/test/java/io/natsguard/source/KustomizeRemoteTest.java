package io.natsguard.source;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** kustomize's own forms of remote references (api/internal/git/repospec_test.go), and local paths that are not. */
class KustomizeRemoteTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "https://github.com/kubernetes-sigs/kustomize//examples/multibases?ref=v3.3.1",
        "http://example.com/manifests/nats.yaml",
        "HTTPS://EXAMPLE.COM/nats.yaml",
        "github.com/kubernetes-sigs/kustomize/examples/multibases?ref=v1.0.6",
        "GitHub.com:org/repo",
        "git@github.com:kubernetes-sigs/kustomize.git//examples",
        "git::https://gitlab.com/org/repo.git//base",
        "ssh://git@gitlab.com/org/repo.git",
        "file:///srv/git/repo.git//base",
        "org-12@bitbucket.org:org/repo.git",
        "gh:org/repo",
        "s3://bucket/manifests",
        "  https://example.com/padded.yaml",
    })
    void remote(String reference) {
        assertThat(KustomizeRemote.isRemote(reference)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"../../base", "configmap.yaml", "overlays/prod", "./github.com", "my_git/base", "a:b.yaml",
        "@foo.yaml", "https:/no-host"})
    void local(String reference) {
        assertThat(KustomizeRemote.isRemote(reference)).isFalse();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            https://robot:ghp_s3cret@github.com/org/repo.git | https://***@github.com/org/repo.git
            git::https://ghp_token@host/org/repo.git          | git::https://***@host/org/repo.git
            git@github.com:org/repo.git                       | git@github.com:org/repo.git
            https://robot:p@ss@github.com/org/repo.git        | https://***@github.com/org/repo.git
            GIT::ssh://robot:p@ss:w0rd@host/org/repo.git      | GIT::ssh://***@host/org/repo.git
            robot:p@ss@github.com/org/repo                    | robot:***@github.com/org/repo
            ../../base                                        | ../../base
            """)
    void shownWithoutUserInformation(String reference, String shown) {
        assertThat(KustomizeRemote.shown(reference)).isEqualTo(shown);
    }

    /** Hidden before it is shortened: a cut at 120 characters must not leave part of a token without its '@'. */
    @ParameterizedTest
    @ValueSource(strings = {"https://x-access-token:TOKEN@github.com/org/repo.git//base?ref=main",
        "https://TOKEN@github.com/org/repo.git", "git::https://oauth2:TOKEN@gitlab.com/org/repo.git"})
    void aLongTokenIsHiddenBeforeTheReferenceIsShortened(String reference) {
        String token = "eyJhbGciOiJSUzI1NiJ9." + "T0KEN".repeat(36);
        assertThat(token).hasSize(201);

        String shown = KustomizeRemote.shown(reference.replace("TOKEN", token));

        assertThat(shown).contains("***@").doesNotContain("T0KEN").doesNotContain("eyJ");
    }

    @Test
    void aLongReferenceIsCutBetweenCharacters() {
        String shown = KustomizeRemote.shown("https://example.com/" + "\uD83D\uDE00".repeat(200));

        assertThat(shown).endsWith("...");
        assertThat(shown.codePointCount(0, shown.length())).isEqualTo(123);
        assertThat(shown.codePoints()).noneMatch(c -> Character.getType(c) == Character.SURROGATE);
    }

    @Test
    void aUserInformationOverSeveralLinesIsHiddenWholeThenOnlyTheFirstLineIsShown() {
        assertThat(KustomizeRemote.shown("https://robot:s3cret\nmore@host/org/repo.git\nsecond line"))
                .isEqualTo("https://***@host/org/repo.git");
    }
}
