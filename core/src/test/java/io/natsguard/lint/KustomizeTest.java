package io.natsguard.lint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.natsguard.policy.Policy;
import io.natsguard.report.Finding;
import io.natsguard.source.Kustomize;
import io.natsguard.testing.Corpus;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kustomize directories are built with the real kubectl kustomize and linted as what they deploy;
 * findings point at the base, overlay or generator file that holds the line. The corpus sits in a
 * git work tree, as in a repository: an overlay's base is read there.
 */
class KustomizeTest {

    @TempDir
    static Path checkout;

    private static Path KUSTOMIZE;

    @TempDir
    Path tmp;

    @BeforeAll
    static void checkOut() {
        KUSTOMIZE = Corpus.inWorkTree("gitops/kustomize", checkout);
    }

    private static List<Finding> lint(Path dir) throws Exception {
        return new Linter(Policy.defaults()).lint(List.of(dir.toString()), new ByteArrayInputStream(new byte[0])).findings();
    }

    @Test
    void aGeneratorsFileIsWhereTheSingleServiceRouteIs() throws Exception {
        assertThat(lint(KUSTOMIZE.resolve("overlays/staging")))
                .filteredOn(f -> f.ruleId().equals("routes-single-dns-name"))
                .extracting(f -> f.position().file() + ":" + f.position().line())
                .containsExactly(KUSTOMIZE.resolve("overlays/staging/nats.conf") + ":14");
    }

    @Test
    void aScaledOverlayPointsAtTheBaseRouteListAndMovesThePlacesItMentions() throws Exception {
        List<Finding> findings = lint(KUSTOMIZE.resolve("overlays/scale-only"));
        assertThat(findings).filteredOn(f -> f.ruleId().equals("routes-incomplete"))
                .singleElement().satisfies(f -> {
                    assertThat(f.position().file()).isEqualTo(KUSTOMIZE.resolve("base/configmap.yaml").toString());
                    assertThat(f.message()).contains("no route names nats-3, nats-4");
                });
    }

    @Test
    void theReplicasARouteListMissesAreARelatedPlaceMovedToThePatchThatSetsThem() throws Exception {
        Path overlay = Files.createDirectories(KUSTOMIZE.resolve("overlays/scaled-by-patch"));
        Files.writeString(overlay.resolve("kustomization.yaml"), "resources:\n- ../../base\npatches:\n- path: replicas.yaml\n");
        Files.writeString(overlay.resolve("replicas.yaml"), "apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: nats\nspec:\n  replicas: 5\n");
        assertThat(lint(overlay)).filteredOn(f -> f.ruleId().equals("routes-incomplete")).singleElement().satisfies(f -> {
            assertThat(f.position().file()).isEqualTo(KUSTOMIZE.resolve("base/configmap.yaml").toString());
            assertThat(f.related()).hasSize(2).first().satisfies(replicas -> {
                assertThat(replicas.position()).hasToString(overlay.resolve("replicas.yaml") + ":6:3");
                assertThat(replicas.note()).isEqualTo("the replicas of StatefulSet nats/nats");
            });
            assertThat(f.related().get(1).position()).as("the line is the base's: the overlay it was found through")
                    .hasToString(overlay.resolve("kustomization.yaml") + ":1:1");
            assertThat(f.message()).as("the place is a related location, not text").doesNotContain("kustomize build", ":6:3");
            assertThat(f.fix().edits()).as("a build is not a file to rewrite").isEmpty();
            assertThat(f.fix().refused()).singleElement().satisfies(refusal ->
                    assertThat(refusal.position().file()).isEqualTo(KUSTOMIZE.resolve("base/configmap.yaml").toString()));
        });
    }

    @Test
    void theProductionOverlayIsClean() throws Exception {
        assertThat(lint(KUSTOMIZE.resolve("overlays/prod"))).isEmpty();
    }

    @Test
    void aBrokenKustomizationIsAFindingAtItsFile() throws Exception {
        Files.writeString(tmp.resolve("kustomization.yaml"), "resources:\n- missing.yaml\n");
        assertThat(lint(tmp)).singleElement().satisfies(f -> {
            assertThat(f.ruleId()).isEqualTo("manifest-parse-error");
            assertThat(f.position().file()).isEqualTo(tmp.resolve("kustomization.yaml").toString());
            assertThat(f.message()).contains("kubectl kustomize failed");
        });
    }

    @Test
    void kustomizeDirectoriesAreRecognised() {
        assertThat(Kustomize.isKustomization(KUSTOMIZE.resolve("base"))).isTrue();
        assertThat(Kustomize.isKustomization(KUSTOMIZE)).isFalse();
        assertThatThrownBy(() -> Inputs.read(List.of(tmp.resolve("none").toString()), null))
                .isInstanceOf(InputException.class);
    }
}
