package io.natsguard.report;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.natsguard.lint.Report;
import io.natsguard.rule.Rules;
import java.io.IOException;
import java.io.OutputStream;

/**
 * The report as JSON (documented in the README):
 * {@code {"findings": [{"rule", "severity", "file", "line", "column", "message", "fix"}], "summary": {...}}}.
 */
public final class JsonFormat implements ReportFormat {

    @Override
    public void write(Report report, OutputStream out) throws IOException {
        try (JsonGenerator json = new JsonFactory().createGenerator(out, JsonEncoding.UTF8)) {
            json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            json.useDefaultPrettyPrinter();
            json.writeStartObject();
            json.writeArrayFieldStart("findings");
            for (Finding f : report.findings()) {
                json.writeStartObject();
                json.writeStringField("rule", f.ruleId());
                json.writeStringField("severity", f.severity().label());
                json.writeStringField("file", f.position().file());
                json.writeNumberField("line", f.position().line());
                json.writeNumberField("column", f.position().column());
                json.writeStringField("message", f.message());
                json.writeStringField("fix", Rules.byId(f.ruleId()).map(r -> r.info().fix()).orElse(""));
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeObjectFieldStart("summary");
            json.writeNumberField("errors", report.count(Severity.ERROR));
            json.writeNumberField("warnings", report.count(Severity.WARNING));
            json.writeNumberField("notes", report.count(Severity.INFO));
            json.writeNumberField("files", report.files());
            json.writeNumberField("objects", report.objects());
            json.writeNumberField("configs", report.clusters());
            json.writeEndObject();
            json.writeEndObject();
        }
        out.write('\n');
    }
}
