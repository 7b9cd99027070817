package io.natsguard.source;

import static org.assertj.core.api.Assertions.assertThat;

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
            ../../base                                        | ../../base
            """)
    void shownWithoutUserInformation(String reference, String shown) {
        assertThat(KustomizeRemote.shown(reference)).isEqualTo(shown);
    }
}
