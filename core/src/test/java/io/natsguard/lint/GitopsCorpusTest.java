package io.natsguard.lint;

import io.natsguard.policy.Policy;
import io.natsguard.report.Finding;
import io.natsguard.report.Report;
import io.natsguard.testing.Corpus;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cases of ../shared/corpus/gitops/ (EXPECTED.md): the route findings their facts imply ("one URL
 * per pod"), at the line where the routes are written: plain manifests, Kustomize builds and their
 * rendered output, Flux HelmReleases and Argo CD Applications of the NATS chart.
 */
class GitopsCorpusTest {

    /** The corpus in a git work tree, as in a repository: an overlay's base is read there. */
    @TempDir
    static Path checkout;

    private static Path gitops;

    @BeforeAll
    static void checkOut() {
        gitops = Corpus.inWorkTree("gitops", checkout);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            plain-statefulset                          | routes-single-dns-name statefulset.yaml:32
            secret-stringdata                          | routes-single-dns-name secret.yaml:20
            secret-data                                |
            kustomize/base                             |
            kustomize/overlays/staging/rendered.yaml   | routes-single-dns-name rendered.yaml:17
            kustomize/overlays/scale-only/rendered.yaml| routes-incomplete rendered.yaml:16
            kustomize/overlays/prod/rendered.yaml      |
            flux/good                                  |
            flux/single-dns                            | routes-single-dns-name helmrelease.yaml:25
            flux/values-from                           |
            argocd/values-object                       |
            argocd/values-string                       |
            argocd/multi-source                        | routes-single-dns-name nats-values.yaml:11
            """)
    void routeFindingsMatchTheFacts(String folder, String expected) throws Exception {
        String path = gitops.resolve(folder).toString();
        Report report = new Linter(Policy.defaults()).lint(List.of(path), new ByteArrayInputStream(new byte[0]));
        Set<String> routeFindings = new TreeSet<>();
        for (Finding f : report.findings()) {
            if (f.ruleId().startsWith("routes-")) {
                String file = f.position().file();
                routeFindings.add(f.ruleId() + " " + file.substring(file.lastIndexOf('/') + 1) + ":" + f.position().line());
            }
        }
        assertThat(routeFindings).isEqualTo(expected == null ? Set.of() : Set.of(expected));
    }

    @ParameterizedTest(name = "{0}: TLS on cluster {1}")
    @CsvSource(delimiter = '|', textBlock = """
            flux/good                      | yes
            flux/single-dns                | no
            flux/values-from               | no
            argocd/values-object           | yes
            argocd/values-string           | no
            argocd/multi-source            | no
            kustomize/base                 | no
            kustomize/overlays/prod        | yes
            kustomize/overlays/staging     | no
            kustomize/overlays/scale-only  | no
            plain-statefulset              | no
            secret-data                    | yes
            secret-stringdata              | no
            """)
    void clusterTlsFindingsMatchTheFacts(String folder, String tls) throws Exception {
        String path = gitops.resolve(folder).toString();
        Report report = new Linter(Policy.defaults()).lint(List.of(path), new ByteArrayInputStream(new byte[0]));
        boolean flagged = report.findings().stream().anyMatch(f -> f.ruleId().equals("cluster-tls-missing"));
        assertThat(flagged).as("cluster-tls-missing for %s", folder).isEqualTo(tls.equals("no"));
    }

    @org.junit.jupiter.api.Test
    void aChartsFindingSaysHowToFixItInTheValuesAndNamesTheDefault() throws Exception {
        String path = gitops.resolve("flux/single-dns").toString();
        Report report = new Linter(Policy.defaults()).lint(List.of(path), new ByteArrayInputStream(new byte[0]));
        assertThat(report.findings()).filteredOn(f -> f.ruleId().equals("cluster-tls-missing")).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("its default config.cluster.tls.enabled is false"));
        assertThat(report.findings()).filteredOn(f -> f.ruleId().equals("routes-single-dns-name")).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("remove config.cluster.merge.routes"));
    }
}
