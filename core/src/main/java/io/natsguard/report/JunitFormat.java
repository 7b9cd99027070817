package io.natsguard.report;

import io.natsguard.base.Visible;
import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * JUnit XML (the form GitLab CI and most CI servers show as test results): one test case a finding,
 * failed, named after the rule and place; and one passing test case when there is nothing to say.
 * XML 1.0 cannot hold most control characters at all: those of file names and messages are escapes.
 */
public final class JunitFormat implements ReportFormat {

    @Override
    public void write(Report report, OutputStream out) throws IOException {
        List<Finding> findings = report.findings();
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeCharacters("\n");
            Map<String, String> counts = new LinkedHashMap<>();
            counts.put("name", "natsguard");
            counts.put("tests", Integer.toString(Math.max(1, findings.size())));
            counts.put("failures", Integer.toString(findings.size()));
            counts.put("errors", "0");
            xml.writeStartElement("testsuites");
            attributes(xml, counts);
            xml.writeStartElement("testsuite");
            attributes(xml, counts);
            xml.writeAttribute("skipped", "0");
            for (Finding f : findings) {
                xml.writeCharacters("\n  ");
                xml.writeStartElement("testcase");
                xml.writeAttribute("classname", "natsguard." + f.ruleId());
                xml.writeAttribute("name", Visible.of(f.ruleId() + " " + f.position()));
                xml.writeAttribute("file", Visible.of(f.position().file()));
                xml.writeStartElement("failure");
                xml.writeAttribute("type", f.ruleId());
                xml.writeAttribute("message", Visible.of(TextFormat.told(f)));
                xml.writeCharacters(TextFormat.line(f));
                xml.writeEndElement();
                xml.writeEndElement();
            }
            if (findings.isEmpty()) {
                xml.writeCharacters("\n  ");
                xml.writeEmptyElement("testcase");
                xml.writeAttribute("classname", "natsguard");
                xml.writeAttribute("name", "no findings in " + TextFormat.plural(report.files(), "file"));
            }
            xml.writeCharacters("\n");
            xml.writeEndElement();
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.writeCharacters("\n");
            xml.flush();
        } catch (XMLStreamException e) {
            throw new IOException("cannot write JUnit XML: " + e.getMessage(), e);
        }
    }

    private static void attributes(XMLStreamWriter xml, Map<String, String> attributes) throws XMLStreamException {
        for (Map.Entry<String, String> a : attributes.entrySet()) {
            xml.writeAttribute(a.getKey(), a.getValue());
        }
    }
}
