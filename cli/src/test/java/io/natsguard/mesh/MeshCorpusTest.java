package io.natsguard.mesh;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.natsguard.mesh.format.MeshFormat;
import io.natsguard.testing.Corpus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The mesh check on the recorded /varz, /routez and /healthz answers of real 2.9.10 clusters in
 * ../shared/corpus/monitoring, read as the client reads them from the wire: the verdict, the
 * missing pairs and each server's missing peers of its EXPECTED.tsv and expected.json.
 */
class MeshCorpusTest {

    static final Path CORPUS = Corpus.root().resolve("monitoring");
    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<String> scenarios() throws IOException {
        return Files.readAllLines(CORPUS.resolve("EXPECTED.tsv")).stream().skip(1).filter(l -> !l.isBlank()).map(l -> l.split("\t")[0]);
    }

    /** The recorded answers of a scenario's servers n0, n1, ..., as one sample. */
    static List<Snapshot> recorded(String scenario) throws IOException {
        List<Snapshot> sample = new ArrayList<>();
        for (int i = 0; Files.exists(CORPUS.resolve(scenario).resolve("n" + i + "-varz.json")); i++) {
            Path dir = CORPUS.resolve(scenario);
            byte[] varz = Files.readAllBytes(dir.resolve("n" + i + "-varz.json"));
            sample.add(new Snapshot("http://127.0.0.1:" + JSON.readTree(varz).path("http_port").asInt() + "/", MonitorJson.varz(varz),
                    MonitorJson.routez(Files.readAllBytes(dir.resolve("n" + i + "-routez.json"))),
                    MonitorJson.health(Files.readAllBytes(dir.resolve("n" + i + "-healthz.json"))), null));
        }
        return sample;
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void theVerdictAndTheMissingPairsAreTheRecordedOnes(String scenario) throws IOException {
        JsonNode expected = JSON.readTree(CORPUS.resolve(scenario).resolve("expected.json").toFile());
        List<Snapshot> sample = recorded(scenario);
        MeshResult result = MeshCheck.check(List.of(sample, sample), OptionalInt.empty());

        assertThat(result.status().name()).isEqualTo(expected.path("verdict").asText());
        assertThat(result.status().exitCode()).isEqualTo(expected.path("nagios_exit_code").asInt());
        List<String> pairs = result.missingPairs().stream().map(p -> String.join("-", p)).toList();
        List<String> expectedPairs = new ArrayList<>();
        expected.path("missing_pairs").forEach(p -> expectedPairs.add(p.isArray() ? p.get(0).asText() + "-" + p.get(1).asText() : p.asText()));
        assertThat(pairs).containsExactlyInAnyOrderElementsOf(expectedPairs);
        for (MeshResult.Member member : result.members()) {
            JsonNode server = expected.path("servers").path(member.name());
            assertThat(member.missing()).as(member.name())
                    .containsExactlyInAnyOrderElementsOf(Arrays.asList(JSON.convertValue(server.path("missing_peers"), String[].class)));
            assertThat(member.peers()).as(member.name())
                    .containsExactlyInAnyOrderElementsOf(Arrays.asList(JSON.convertValue(server.path("observed_peers"), String[].class)));
        }
        String text = MeshFormat.TEXT.render(result);
        assertThat(text).startsWith("natsguard mesh: " + expected.path("verdict").asText() + ": ");
        for (MeshResult.Member member : result.members()) {
            if (!member.missing().isEmpty()) {
                assertThat(text).contains("- " + member.name() + " lacks " + String.join(", ", member.missing()));
            }
        }
    }
}
