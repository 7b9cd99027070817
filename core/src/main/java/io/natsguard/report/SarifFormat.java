package io.natsguard.report;

import com.contrastsecurity.sarif.ArtifactLocation;
import com.contrastsecurity.sarif.Location;
import com.contrastsecurity.sarif.Message;
import com.contrastsecurity.sarif.MultiformatMessageString;
import com.contrastsecurity.sarif.PhysicalLocation;
import com.contrastsecurity.sarif.Region;
import com.contrastsecurity.sarif.ReportingConfiguration;
import com.contrastsecurity.sarif.ReportingDescriptor;
import com.contrastsecurity.sarif.Result;
import com.contrastsecurity.sarif.Run;
import com.contrastsecurity.sarif.SarifSchema210;
import com.contrastsecurity.sarif.Tool;
import com.contrastsecurity.sarif.ToolComponent;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.natsguard.base.Severity;
import io.natsguard.base.Position;
import io.natsguard.base.Related;
import io.natsguard.rule.RuleInfo;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * SARIF 2.1.0 (the java-sarif object model): rules with help from their metadata, results with file,
 * line and column, and the other places each points at as {@code relatedLocations}.
 */
public final class SarifFormat implements ReportFormat {

    private static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

    /** A run's results are written even when there are none: a clean run says so. */
    private abstract static class RunMixin {
        @JsonInclude(JsonInclude.Include.ALWAYS)
        List<Result> results;
    }

    @Override
    public void write(Report report, OutputStream out) throws IOException {
        List<ReportingDescriptor> descriptors = new ArrayList<>();
        Map<String, Integer> index = new HashMap<>();
        for (RuleInfo info : report.rules()) {
            index.put(info.id(), descriptors.size());
            descriptors.add(new ReportingDescriptor().withId(info.id()).withName(camel(info.id()))
                    .withShortDescription(new MultiformatMessageString().withText(info.title()))
                    .withFullDescription(new MultiformatMessageString().withText(info.rationale()))
                    .withHelp(new MultiformatMessageString().withText(info.fix())
                            .withMarkdown("**Why:** " + info.rationale() + "\n\n**Fix:** " + info.fix()))
                    .withHelpUri(URI.create("https://github.com/natsguard/natsguard/blob/main/docs/rules.md#" + info.id()))
                    .withDefaultConfiguration(new ReportingConfiguration().withLevel(level(info.severity()))));
        }
        List<Result> results = new ArrayList<>();
        for (Finding f : report.all()) {
            Result result = new Result().withRuleId(f.ruleId()).withRuleIndex(index.get(f.ruleId()));
            if (f.suppression() != null && f.suppression().kind() == Suppression.Kind.BASELINE) {
                result.setBaselineState(Result.BaselineState.UNCHANGED);
            } else if (f.suppression() != null) {
                result.setSuppressions(Set.of(new com.contrastsecurity.sarif.Suppression()
                        .withKind(f.suppression().kind() == Suppression.Kind.IN_SOURCE
                                ? com.contrastsecurity.sarif.Suppression.Kind.IN_SOURCE
                                : com.contrastsecurity.sarif.Suppression.Kind.EXTERNAL)
                        .withJustification(f.suppression().reason())));
            }
            results.add(result
                    .withLevel(Result.Level.fromValue(f.severity().sarifLevel()))
                    .withMessage(new Message().withText(f.message()))
                    .withLocations(List.of(new Location().withPhysicalLocation(physical(f.position()))))
                    .withRelatedLocations(related(f.related())));
        }
        ToolComponent driver = new ToolComponent().withName("natsguard")
                .withVersion(ToolVersion.get())
                .withInformationUri(URI.create("https://github.com/natsguard/natsguard"))
                .withRules(new java.util.LinkedHashSet<>(descriptors));
        SarifSchema210 sarif = new SarifSchema210().with$schema(URI.create(SCHEMA))
                .withVersion(SarifSchema210.Version._2_1_0)
                .withRuns(List.of(new Run().withTool(new Tool().withDriver(driver)).withResults(results)));
        ObjectMapper mapper = new ObjectMapper().setSerializationInclusion(JsonInclude.Include.NON_EMPTY)
                .addMixIn(Run.class, RunMixin.class)
                .enable(SerializationFeature.INDENT_OUTPUT)
                .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        mapper.writeValue(out, sarif);
        out.write('\n');
    }

    private static ReportingConfiguration.Level level(Severity severity) {
        return ReportingConfiguration.Level.fromValue(severity.sarifLevel());
    }

    private static PhysicalLocation physical(Position at) {
        return new PhysicalLocation().withArtifactLocation(new ArtifactLocation().withUri(uri(at.file())))
                .withRegion(new Region().withStartLine(at.line()).withStartColumn(at.column()));
    }

    /**
     * Each with an id unique in its result, as SARIF asks of related locations, and a message saying
     * what is there; null when there are none (java-sarif would write an empty array).
     */
    private static Set<Location> related(List<Related> related) {
        if (related.isEmpty()) {
            return null;
        }
        Set<Location> locations = new LinkedHashSet<>();
        for (Related r : related) {
            locations.add(new Location().withId(locations.size()).withPhysicalLocation(physical(r.position()))
                    .withMessage(new Message().withText(r.note())));
        }
        return locations;
    }

    /** A relative path stays relative (resolved by code scanning against the checkout); others become file: URIs. */
    private static String uri(String file) {
        Path path = Path.of(file);
        if (file.startsWith("<")) {
            return file.replaceAll("[<>]", "");
        }
        return path.isAbsolute() ? path.toUri().toString() : path.normalize().toString().replace('\\', '/');
    }

    private static String camel(String id) {
        StringBuilder out = new StringBuilder();
        for (String part : id.split("-")) {
            out.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
        }
        return out.toString();
    }
}
