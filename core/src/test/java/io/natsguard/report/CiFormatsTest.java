package io.natsguard.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.natsguard.base.Position;
import io.natsguard.base.Severity;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** The CI formats: GitHub workflow commands and JUnit XML. */
class CiFormatsTest {

    private static final Finding ERROR = new Finding("routes-single-dns-name", Severity.ERROR,
            new Position("k8s/nats, prod.yaml", 27, 9), "route nats://u:secret@svc:6222 names Service a/svc: 100% wrong\nreally");
    private static final Finding WARNING = new Finding("timeout-out-of-range", Severity.WARNING,
            new Position("nats.conf", 3, 1), "write_deadline is 10m <outside> \"bounds\" & more");
    private static final Finding SUPPRESSED = new Finding("cluster-tls-missing", Severity.ERROR,
            new Position("nats.conf", 1, 1), "no tls", new Suppression(Suppression.Kind.IN_SOURCE, "private link"));

    private static String write(ReportFormat format, Report report) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        format.write(report, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void githubWorkflowCommandsEscapeTheirProperties() throws Exception {
        String out = write(new GithubFormat(), Reports.of(List.of(ERROR, WARNING, SUPPRESSED), 2, 1, 1, Map.of()));
        assertThat(out.lines().toList()).startsWith(
                "::error file=k8s/nats%2C prod.yaml,line=27,col=9,title=natsguard routes-single-dns-name::"
                        + "route nats://u:***@svc:6222 names Service a/svc: 100%25 wrong\\nreally",
                "::warning file=nats.conf,line=3,col=1,title=natsguard timeout-out-of-range::"
                        + "write_deadline is 10m <outside> \"bounds\" & more");
        assertThat(out).doesNotContain("cluster-tls-missing").doesNotContain("secret");
    }

    @Test
    void junitXmlHasAFailedCaseAFindingAndAPassingCaseWhenClean() throws Exception {
        Document doc = parse(write(new JunitFormat(), Reports.of(List.of(ERROR, WARNING, SUPPRESSED), 2, 1, 1, Map.of())));
        Element suite = (Element) doc.getElementsByTagName("testsuite").item(0);
        assertThat(suite.getAttribute("tests")).isEqualTo("2");
        assertThat(suite.getAttribute("failures")).isEqualTo("2");
        Element failure = (Element) doc.getElementsByTagName("failure").item(1);
        assertThat(failure.getAttribute("message")).isEqualTo("write_deadline is 10m <outside> \"bounds\" & more");
        assertThat(doc.getDocumentElement().getTextContent()).doesNotContain("secret");

        Document clean = parse(write(new JunitFormat(), Reports.of(List.of(), 3, 0, 1, Map.of())));
        assertThat(clean.getElementsByTagName("testcase").getLength()).isEqualTo(1);
        assertThat(clean.getElementsByTagName("failure").getLength()).isZero();
    }

    private static Document parse(String xml) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }
}
