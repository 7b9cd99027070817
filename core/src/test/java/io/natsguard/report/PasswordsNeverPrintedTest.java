package io.natsguard.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.natsguard.fix.Fixer;
import io.natsguard.fix.Rewrite;
import io.natsguard.lint.Inputs;
import io.natsguard.lint.Linter;
import io.natsguard.policy.Policy;
import io.natsguard.source.ManifestReader;
import io.natsguard.testing.NatsServers;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Node;

/**
 * A route password of any printable characters, written as nats-server accepts it (checked with
 * {@code nats-server -t}), in a NATS config file, a ConfigMap, a Secret's base64 data and container
 * arguments, is in no output: no report format, from files or from documents as the webhook reads
 * them, and no diff of {@code natsguard fix}. A property over 100 passwords drawn from every printable
 * character and a few chosen to break parsers; the seed ({@code -Dnatsguard.seed}) makes a run repeatable.
 */
class PasswordsNeverPrintedTest {

    /** Characters Go's url.Parse takes as they are in a user info (validUserinfo); the rest is percent-encoded. */
    private static final String RAW_IN_USERINFO = "-._~!$&'()*+,;=:@";

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final long SEED = Long.getLong("natsguard.seed", 16);

    @ParameterizedTest
    @MethodSource("passwords")
    void noOutputHoldsThePassword(String password) throws Exception {
        Path dir = Files.createTempDirectory("natsguard-secret");
        try {
            checkNothingLeaks(dir, password);
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(f);
                }
            }
        }
    }

    @Test
    void everyPrintableCharacterAtOnce() throws Exception {
        noOutputHoldsThePassword(everyPrintable());
    }

    /**
     * nats-server reads the password in each written form as the same password: servers whose cluster
     * authorization has it form their routes only when the route URL carries it right.
     */
    @Test
    void nats_server_reads_the_written_forms_as_the_password() throws Exception {
        assumeTrue(NatsServers.installed() || System.getenv("CI") != null, "nats-server is not installed");
        String password = everyPrintable();
        Path dir = Files.createTempDirectory("natsguard-routes");
        List<NatsServers.Ports> ports = NatsServers.ports(3);
        String auth = "  authorization { user: route, password: " + confString(password) + " }\n";
        try (NatsServers servers = new NatsServers(dir)) {
            servers.start(ports.get(1), NatsServers.config(ports.get(1), "c", auth));
            servers.start(ports.get(0), NatsServers.config(ports.get(0), "c", auth + "  routes = [ "
                    + confString("nats://route:" + userInfo(password, "") + "@127.0.0.1:" + ports.get(1).cluster()) + " ]"));
            servers.start(ports.get(2), NatsServers.config(ports.get(2), "c", auth + "  routes = [ "
                    + confString("nats://route:" + userInfo(password, ",") + "@127.0.0.1:" + ports.get(1).cluster()) + " ]"));
            servers.awaitRoutes(ports, 2);
        }
    }

    /** Chosen to break parsers, then random ones of 8 to 24 printable characters, at least 5 of them distinct. */
    static Stream<String> passwords() {
        Random random = new Random(SEED);
        Stream<String> drawn = Stream.generate(() -> {
            char[] password = new char[8 + random.nextInt(17)];
            for (int i = 0; i < password.length; i++) {
                password[i] = (char) (' ' + random.nextInt('~' - ' ' + 1));
            }
            return new String(password);
        }).filter(p -> p.chars().distinct().count() >= 5).limit(95);
        return Stream.concat(Stream.of("pw,'\"; /@:%x", "a b/c@d:e#f?g", "%41%zz#?x y'", "'\"'\",,;;=x", "p@ss:w0rd@"), drawn);
    }

    private static String everyPrintable() {
        StringBuilder all = new StringBuilder();
        for (char c = ' '; c <= '~'; c++) {
            all.append(c);
        }
        return all.toString();
    }

    private void checkNothingLeaks(Path dir, String password) throws Exception {
        String routeUserInfo = userInfo(password, "");
        String argUserInfo = userInfo(password, ","); // --routes is split at ','
        String conf = """
                cluster {
                  name: c1
                  port: 6222
                  authorization { user: route, password: %s }
                  routes = [
                    %s
                    %s
                    %s
                  ]
                }
                """.formatted(confString(password), confString("nats://route:" + routeUserInfo + "@nats-svc:6222"),
                confString("nats://route:" + argUserInfo + "@nats-2:6222"), confString("route:" + routeUserInfo + "@nats-1:6222"));
        assertServerAccepts(dir, conf);
        Files.writeString(dir.resolve("nats.conf"), conf);
        String manifests = manifests(conf, argUserInfo);
        Files.writeString(dir.resolve("manifests.yaml"), manifests);

        List<String> forms = List.of(password, routeUserInfo, argUserInfo, confString(password));
        Linter linter = new Linter(Policy.defaults());
        Report fromFiles = linter.lint(Inputs.read(List.of(dir.toString()), new ByteArrayInputStream(new byte[0])));
        Report fromDocuments = linter.lint(Inputs.documents(Map.of("manifests.yaml", manifests), ManifestReader::read));
        for (Report report : List.of(fromFiles, fromDocuments)) {
            assertThat(report.findings()).anyMatch(f -> f.message().contains("nats://route:***@nats-svc:6222"));
            for (String format : ReportFormat.NAMES) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                ReportFormat.named(format).write(report, out);
                String printed = readable(format, out.toString(StandardCharsets.UTF_8));
                for (String form : forms) {
                    assertThat(printed).as("%s output", format).doesNotContain(form);
                }
            }
        }
        Fixer.Plan plan = new Fixer(Policy.defaults()).plan(Inputs.read(List.of(dir.toString()), new ByteArrayInputStream(new byte[0])));
        assertThat(plan.changes()).as("the ConfigMap's routes; the Secret's base64 is refused").hasSize(1);
        List<String> fixOutput = new ArrayList<>(plan.refused());
        plan.changes().forEach(change -> fixOutput.add(Rewrite.diff(change)));
        for (String form : forms) {
            assertThat(String.join("\n", fixOutput)).as("natsguard fix --dry-run").contains("route:***@").doesNotContain(form);
        }
    }

    /** A ConfigMap and a Secret holding the config, the Service the routes name, and a StatefulSet mounting each. */
    private static String manifests(String conf, String argUserInfo) {
        String secret = Base64.getEncoder().encodeToString(conf.getBytes(StandardCharsets.UTF_8));
        return """
                apiVersion: v1
                kind: ConfigMap
                metadata: { name: cm, namespace: nats }
                data:
                  nats.conf: |
                %s
                ---
                apiVersion: v1
                kind: Secret
                metadata: { name: sec, namespace: nats }
                data:
                  nats.conf: %s
                ---
                apiVersion: v1
                kind: Service
                metadata: { name: nats-svc, namespace: nats }
                spec: { clusterIP: None, ports: [ { name: cluster, port: 6222 } ] }
                """.formatted(conf.indent(4).stripTrailing(), secret)
                + statefulSet("nats", "", "configMap: { name: cm }")
                + statefulSet("nats-args", ", \"--cluster\", " + confString("nats://route:" + argUserInfo + "@0.0.0.0:6222")
                        + ", \"--routes\", " + confString("nats://route:" + argUserInfo + "@nats-svc:6222"), "secret: { secretName: sec }");
    }

    private static String statefulSet(String name, String moreArgs, String volume) {
        return """
                ---
                apiVersion: apps/v1
                kind: StatefulSet
                metadata: { name: %s, namespace: nats }
                spec:
                  replicas: 3
                  serviceName: nats-svc
                  template:
                    spec:
                      containers:
                      - name: nats
                        image: nats:2.10
                        args: [ "-c", "/etc/nats-config/nats.conf"%s ]
                        volumeMounts: [ { name: config, mountPath: /etc/nats-config } ]
                      volumes: [ { name: config, %s } ]
                """.formatted(name, moreArgs, volume);
    }

    /** The password in a URL's user info as nats-server reads it: raw where Go's url.Parse allows, else %XX. */
    private static String userInfo(String password, String alsoEncoded) {
        StringBuilder out = new StringBuilder();
        for (char c : password.toCharArray()) {
            boolean raw = Character.isLetterOrDigit(c) && c < 128 || RAW_IN_USERINFO.indexOf(c) >= 0 && alsoEncoded.indexOf(c) < 0;
            out.append(raw ? String.valueOf(c) : String.format("%%%02X", (int) c));
        }
        return out.toString();
    }

    /** A double-quoted string of NATS config (and of YAML: the same two escapes suffice for printable ASCII). */
    private static String confString(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static void assertServerAccepts(Path dir, String conf) throws IOException, InterruptedException {
        if (!NatsServers.installed() && System.getenv("CI") == null) {
            return;
        }
        Path file = Files.writeString(dir.resolve("check.conf"), conf);
        Process server = new ProcessBuilder(NatsServers.executable(), "-t", "-c", file.toString())
                .redirectErrorStream(true).start();
        try {
            String said = new String(server.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(server.waitFor(20, TimeUnit.SECONDS)).as("nats-server -t ended").isTrue();
            assertThat(server.exitValue()).as("nats-server -t: %s", said).isZero();
        } finally {
            server.destroyForcibly();
            Files.delete(file);
        }
    }

    /** The output as a reader sees it: escapes of JSON, XML and workflow commands undone. */
    private static String readable(String format, String output) throws Exception {
        return switch (format) {
            case "json", "sarif" -> strings(JSON.readTree(output), new StringBuilder()).toString();
            case "junit" -> strings(DocumentBuilderFactory.newInstance().newDocumentBuilder()
                    .parse(new ByteArrayInputStream(output.getBytes(StandardCharsets.UTF_8))), new StringBuilder()).toString();
            case "github" -> output.replace("%2C", ",").replace("%3A", ":").replace("%25", "%");
            default -> output;
        };
    }

    private static StringBuilder strings(JsonNode node, StringBuilder out) {
        if (node.isTextual()) {
            out.append(node.asText()).append('\n');
        }
        node.fieldNames().forEachRemaining(name -> out.append(name).append('\n'));
        node.elements().forEachRemaining(child -> strings(child, out));
        return out;
    }

    private static StringBuilder strings(Node node, StringBuilder out) {
        if (node.getNodeValue() != null) {
            out.append(node.getNodeValue()).append('\n');
        }
        if (node.getAttributes() != null) {
            for (int i = 0; i < node.getAttributes().getLength(); i++) {
                out.append(node.getAttributes().item(i).getNodeValue()).append('\n');
            }
        }
        for (Node child = node.getFirstChild(); child != null; child = child.getNextSibling()) {
            strings(child, out);
        }
        return out;
    }
}
