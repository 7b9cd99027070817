package io.natsguard.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.natsguard.base.Position;
import io.natsguard.base.Severity;
import io.natsguard.lint.Linter;
import io.natsguard.policy.Policy;
import io.natsguard.testing.Corpus;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SARIF output validates against the SARIF 2.1.0 schema, with rules, physical locations, and results: [] when clean. */
class SarifFormatTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void locationsAreRelativePathsFileUrisOrTheStreamName() throws Exception {
        Report report = Reports.of(List.of(
                new Finding("routes-missing", Severity.ERROR, new io.natsguard.base.Position("k8s/../nats/sts.yaml", 3, 1), "a"),
                new Finding("routes-missing", Severity.ERROR, new io.natsguard.base.Position("/srv/nats.conf", 4, 2), "b"),
                new Finding("cluster-name-missing", Severity.WARNING, new io.natsguard.base.Position("<stdin>", 5, 3), "c")),
                3, 1, 1, java.util.Map.of());
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        ReportFormat.named("sarif").write(report, out);
        JsonNode run = JSON.readTree(out.toByteArray()).get("runs").get(0);
        assertThat(run.get("results")).extracting(r -> r.at("/locations/0/physicalLocation/artifactLocation/uri").asText())
                .containsExactly("nats/sts.yaml", "file:///srv/nats.conf", "stdin");
        assertThat(run.get("results")).extracting(r -> r.get("ruleId").asText() + "@" + run.at("/tool/driver/rules/"
                + r.get("ruleIndex").asInt() + "/id").asText())
                .containsExactly("routes-missing@routes-missing", "routes-missing@routes-missing", "cluster-name-missing@cluster-name-missing");
        assertThat(run.at("/tool/driver/rules/0/name").asText()).matches("[A-Z][A-Za-z]+");
    }

    @Test
    void findingsValidateAndCarryLocations() throws Exception {
        JsonNode sarif = sarif(List.of("src/test/resources/rules"));
        assertThat(validate(sarif)).isEmpty();
        JsonNode run = sarif.get("runs").get(0);
        assertThat(run.at("/tool/driver/rules")).hasSize(22);
        assertThat(run.at("/tool/driver/rules/0/help/text").asText()).isNotBlank();
        assertThat(run.get("results")).hasSize(153);
        for (JsonNode result : run.get("results")) {
            JsonNode region = result.at("/locations/0/physicalLocation/region");
            assertThat(region.get("startLine").asInt()).isPositive();
            assertThat(region.get("startColumn").asInt()).isPositive();
            assertThat(result.at("/locations/0/physicalLocation/artifactLocation/uri").asText()).isNotBlank();
            int index = result.get("ruleIndex").asInt();
            assertThat(run.at("/tool/driver/rules/" + index + "/id").asText()).isEqualTo(result.get("ruleId").asText());
        }
    }

    @Test
    void relatedPlacesValidateAsRelatedLocations() throws Exception {
        JsonNode sarif = sarif(List.of("src/test/resources/rules/routes-incomplete/bad.yaml"));
        assertThat(validate(sarif)).isEmpty();
        List<JsonNode> results = new java.util.ArrayList<>();
        sarif.at("/runs/0/results").forEach(results::add);
        JsonNode result = results.stream().filter(r -> r.get("ruleId").asText().equals("routes-incomplete")).findFirst().orElseThrow();
        assertThat(result.get("relatedLocations")).singleElement().satisfies(related -> {
            assertThat(related.get("id").asInt()).isZero();
            assertThat(related.at("/physicalLocation/artifactLocation/uri").asText()).isEqualTo("src/test/resources/rules/routes-incomplete/bad.yaml");
            assertThat(related.at("/physicalLocation/region/startLine").asInt()).isGreaterThan(result.at("/locations/0/physicalLocation/region/startLine").asInt());
            assertThat(related.at("/message/text").asText()).startsWith("the replicas of StatefulSet ");
        });
        assertThat(result.at("/message/text").asText()).as("the place is not in the text").doesNotContain("bad.yaml");
        assertThat(results).filteredOn(r -> !r.get("ruleId").asText().equals("routes-incomplete")).as("others: no empty array")
                .isNotEmpty().noneMatch(r -> r.has("relatedLocations"));
    }

    @Test
    void suppressedFindingsValidateAsSarifSuppressions() throws Exception {
        Files.writeString(dir.resolve("nats.conf"), """
                # natsguard:ignore cluster-tls-missing routes stay on a private link (NET-42)
                cluster { name: c, routes = [ nats://nats-0.nats:6222 ] }
                """);
        JsonNode sarif = sarif(List.of(dir.toString()));
        assertThat(validate(sarif)).isEmpty();
        JsonNode suppressed = sarif.at("/runs/0/results/0");
        assertThat(suppressed.get("ruleId").asText()).isEqualTo("cluster-tls-missing");
        assertThat(suppressed.at("/suppressions/0/kind").asText()).isEqualTo("inSource");
        assertThat(suppressed.at("/suppressions/0/justification").asText()).isEqualTo("routes stay on a private link (NET-42)");
    }

    @Test
    void aCleanRunStillHasEmptyResults() throws Exception {
        Files.writeString(dir.resolve("nats.conf"), "port: 4222\n");
        JsonNode sarif = sarif(List.of(dir.toString()));
        assertThat(validate(sarif)).isEmpty();
        assertThat(sarif.at("/runs/0/results").isArray()).isTrue();
        assertThat(sarif.at("/runs/0/results")).isEmpty();
    }

    private static JsonNode sarif(List<String> paths) throws Exception {
        Report report = new Linter(Policy.defaults()).lint(paths, new ByteArrayInputStream(new byte[0]));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new SarifFormat().write(report, out);
        return JSON.readTree(out.toByteArray());
    }

    private static Set<ValidationMessage> validate(JsonNode sarif) throws Exception {
        Path schemaFile = Corpus.root().resolveSibling("schemas").resolve("sarif-schema-2.1.0.json");
        try (InputStream in = Files.newInputStream(schemaFile)) {
            JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(in);
            return schema.validate(sarif);
        }
    }
}
