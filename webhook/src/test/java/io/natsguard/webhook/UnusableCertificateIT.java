package io.natsguard.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged webhook started on a certificate and key that cannot be served: one line that says why, exit 1. */
class UnusableCertificateIT {

    @TempDir
    Path tmp;

    @Test
    void aKeyNotTheCertificatesStopsTheStartWithOneLine() throws Exception {
        Path cert = RotatingCertificates.RESOURCES.resolve("tls.crt").toAbsolutePath();
        Path key = RotatingCertificates.RESOURCES.resolve("rotated.key").toAbsolutePath();
        Path output = tmp.resolve("serve.log");
        String java = ProcessHandle.current().info().command().orElseThrow();
        Process serve = new ProcessBuilder(java, "-Dnatsguard.port=0", "-Dquarkus.http.host=127.0.0.1",
                "-Dnatsguard.tls.cert=" + cert, "-Dnatsguard.tls.key=" + key, "-jar", Path.of("target/quarkus-app/quarkus-run.jar").toString())
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        try {
            assertThat(serve.waitFor(2, TimeUnit.MINUTES)).isTrue();
        } finally {
            serve.destroyForcibly().waitFor();
        }
        assertThat(serve.exitValue()).isEqualTo(1);
        assertThat(Files.readAllLines(output)).isEqualTo(List.of("natsguard serve: TLS key " + key + " does not belong to certificate "
                + cert + " (CN=localhost, valid until 2036-11-22T14:14:08Z): the key's public key is not the certificate's"));
    }
}
