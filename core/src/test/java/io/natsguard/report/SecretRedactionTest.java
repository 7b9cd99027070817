package io.natsguard.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.natsguard.base.Redactor;
import io.natsguard.lint.Linter;
import io.natsguard.policy.Policy;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Passwords planted in every kind of source never appear in any report format. */
class SecretRedactionTest {

    private static final List<String> PLANTED = List.of("pw-in-conf-url-1", "pw-in-conf-auth-2", "pw-in-configmap-3",
            "pw-in-secret-data-4", "pw-in-secret-string-5", "pw-in-args-routes-6", "pw-in-args-cluster-7",
            "pw-in-stdin-8", "pw-in-broken-9");

    @TempDir
    Path dir;

    @Test
    void noFormatPrintsAPlantedPassword() throws Exception {
        Files.writeString(dir.resolve("nats.conf"), """
                cluster {
                  name: c1
                  authorization { user: route, password: "pw-in-conf-auth-2" }
                  routes = [ nats://route:pw-in-conf-url-1@nats-svc:6222 ]
                }
                """);
        Files.writeString(dir.resolve("broken-nats.conf"), "cluster { routes = [ nats://r:pw-in-broken-9@x:6222, 1] ");
        String secretConf = "cluster { name: c, routes = [ nats://r:pw-in-secret-data-4@nats:6222 ] }\n";
        Files.writeString(dir.resolve("manifests.yaml"), """
                apiVersion: v1
                kind: ConfigMap
                metadata: { name: cm, namespace: nats }
                data:
                  nats.conf: |
                    cluster {
                      routes = [ nats://route:pw-in-configmap-3@nats:6222 ]
                    }
                ---
                apiVersion: v1
                kind: Secret
                metadata: { name: s1, namespace: nats }
                data:
                  nats.conf: %s
                stringData:
                  other-nats.conf: "cluster { routes = [ nats://r:pw-in-secret-string-5@nats:6222 ] }"
                ---
                apiVersion: v1
                kind: Service
                metadata: { name: nats, namespace: nats }
                ---
                apiVersion: apps/v1
                kind: StatefulSet
                metadata: { name: nats, namespace: nats }
                spec:
                  replicas: 3
                  serviceName: nats
                  template:
                    spec:
                      containers:
                      - name: nats
                        image: nats:2.10
                        args: [ "--cluster", "nats://route:pw-in-args-cluster-7@0.0.0.0:6222",
                                "--routes", "nats://route:pw-in-args-routes-6@nats:6222" ]
                """.formatted(Base64.getEncoder().encodeToString(secretConf.getBytes(StandardCharsets.UTF_8))));
        String stdin = """
                apiVersion: v1
                kind: ConfigMap
                metadata: { name: from-stdin }
                data:
                  nats.conf: "cluster { routes = [ nats://r:pw-in-stdin-8@nats-headless:6222 ] }"
                """;
        Report report = new Linter(Policy.defaults()).lint(List.of(dir.toString(), "-"),
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        assertThat(report.findings()).anyMatch(f -> f.ruleId().equals("route-credentials-plaintext"));
        assertThat(report.findings()).anyMatch(f -> f.message().contains(":***@"));
        for (String format : ReportFormat.NAMES) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ReportFormat.named(format).write(report, out);
            String printed = out.toString(StandardCharsets.UTF_8);
            for (String secret : PLANTED) {
                assertThat(printed).as("%s output", format).doesNotContain(secret);
            }
        }
    }

    /** Values a rule quotes: a numeric password (wrong-value-type), a value the parser cannot convert, a word alone in a Secret (unknown-field). */
    @Test
    void rulesQuotingValuesNeverQuoteAPassword() throws Exception {
        Files.writeString(dir.resolve("nats.conf"), """
                cluster {
                  name: c1
                  authorization { user: route, password: 98765432123 }
                }
                """);
        Files.writeString(dir.resolve("nats-other.conf"), "authorization { user: a, password: 99999999999999999999 }\n");
        Files.writeString(dir.resolve("secret.yaml"), """
                apiVersion: v1
                kind: Secret
                metadata: { name: s, namespace: nats }
                stringData:
                  nats.conf: |
                    authorization {
                      user: a
                      s3cr3t-alone-on-its-line
                    }
                """);
        Report report = new Linter(Policy.defaults()).lint(List.of(dir.toString()), new ByteArrayInputStream(new byte[0]));
        assertThat(report.findings()).extracting(Finding::message).contains(
                "password in cluster.authorization takes a string, but the value is an integer: nats-server stops "
                        + "with an interface conversion error. Write a string.",
                "nats-server refuses this config: integer '***' is out of the range. Fix the syntax here.");
        assertThat(report.findings()).extracting(Finding::message).anyMatch(m -> m.startsWith("unknown field (not quoted: "));
        for (String format : ReportFormat.NAMES) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ReportFormat.named(format).write(report, out);
            assertThat(out.toString(StandardCharsets.UTF_8)).as("%s output", format)
                    .doesNotContain("98765432123", "99999999999999999999", "s3cr3t");
        }
    }

    @Test
    void redactorHidesThePasswordOnly() {
        assertThat(Redactor.redact("route nats://user:p@ss@host:6222 and tls://u:x@h:1"))
                .isEqualTo("route nats://user:***@host:6222 and tls://u:***@h:1");
        assertThat(Redactor.redact("nats://host:6222")).isEqualTo("nats://host:6222");
        assertThat(Redactor.redact("nats://user@host:6222")).isEqualTo("nats://user@host:6222");
    }
}
