package io.natsguard.report;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.natsguard.base.Severity;
import io.natsguard.base.Related;
import io.natsguard.rule.RuleInfo;
import io.natsguard.source.InputProblem;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;

/**
 * The report as JSON (documented in the README):
 * {@code {"findings": [{"rule", "severity", "file", "line", "column", "message", ["related": [{"file", "line", "column",
 * "message"}]], "fix", ["suppressed": {"by", "reason"}]}], "summary": {...}}}. Suppressed findings are listed, marked;
 * the summary counts only those that count.
 */
public final class JsonFormat implements ReportFormat {

    @Override
    public void write(Report report, OutputStream out) throws IOException {
        Map<String, RuleInfo> rules = report.rulesById();
        try (JsonGenerator json = new JsonFactory().createGenerator(out, JsonEncoding.UTF8)) {
            json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            json.useDefaultPrettyPrinter();
            json.writeStartObject();
            json.writeArrayFieldStart("findings");
            for (Finding f : report.all()) {
                json.writeStartObject();
                json.writeStringField("rule", f.ruleId());
                json.writeStringField("severity", f.severity().label());
                json.writeStringField("file", f.position().file());
                json.writeNumberField("line", f.position().line());
                json.writeNumberField("column", f.position().column());
                json.writeStringField("message", f.message());
                if (!f.related().isEmpty()) {
                    json.writeArrayFieldStart("related");
                    for (Related r : f.related()) {
                        json.writeStartObject();
                        json.writeStringField("file", r.position().file());
                        json.writeNumberField("line", r.position().line());
                        json.writeNumberField("column", r.position().column());
                        json.writeStringField("message", r.note());
                        json.writeEndObject();
                    }
                    json.writeEndArray();
                }
                RuleInfo rule = rules.get(f.ruleId());
                json.writeStringField("fix", rule == null ? "" : rule.fix());
                if (f.suppression() != null) {
                    json.writeObjectFieldStart("suppressed");
                    json.writeStringField("by", f.suppression().kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
                    json.writeStringField("reason", f.suppression().reason());
                    json.writeEndObject();
                }
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeObjectFieldStart("summary");
            json.writeNumberField("errors", report.count(Severity.ERROR));
            json.writeNumberField("warnings", report.count(Severity.WARNING));
            json.writeNumberField("notes", report.count(Severity.INFO));
            json.writeNumberField("suppressed", report.suppressed(Suppression.Kind.IN_SOURCE) + report.suppressed(Suppression.Kind.POLICY));
            json.writeNumberField("baseline", report.suppressed(Suppression.Kind.BASELINE));
            json.writeNumberField("files", report.files());
            json.writeNumberField("objects", report.objects());
            json.writeNumberField("configs", report.clusters());
            // Read but not checked, with no finding to say so (--verbose lists them); written only when there are any.
            int notNats = report.skipped(InputProblem.Kind.NOT_NATS).size();
            if (notNats > 0) {
                json.writeNumberField("not_nats", notNats);
            }
            int notRendered = report.skipped(InputProblem.Kind.NOT_RENDERED).size();
            if (notRendered > 0) {
                json.writeNumberField("charts_not_rendered", notRendered);
            }
            json.writeEndObject();
            json.writeEndObject();
        }
        out.write('\n');
    }
}
