package io.natsguard.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged webhook started on a certificate and key that cannot be served, or on settings that
 * cannot work together: one line that says why (no stack trace), exit 1.
 */
class StartRefusedIT {

    @TempDir
    Path tmp;

    @Test
    void aKeyNotTheCertificatesStopsTheStartWithOneLine() throws Exception {
        Path cert = RotatingCertificates.RESOURCES.resolve("tls.crt").toAbsolutePath();
        Path key = RotatingCertificates.RESOURCES.resolve("rotated.key").toAbsolutePath();
        PackagedWebhook.Exit exit = PackagedWebhook.runToExit(tmp, "natsguard.tls.cert=" + cert, "natsguard.tls.key=" + key);
        assertThat(exit.code()).isEqualTo(1);
        assertThat(exit.output()).isEqualTo(List.of("natsguard serve: TLS key " + key + " does not belong to certificate "
                + cert + " (CN=localhost, valid until 2036-11-22T14:14:08Z): the key's public key is not the certificate's"));
    }

    @Test
    void aLookupTimeoutThatLeavesLookupsNoTimeStopsTheStartWithOneLine() throws Exception {
        PackagedWebhook.Exit exit = PackagedWebhook.runToExit(tmp, "natsguard.lookups.enabled=true", "natsguard.lookups.timeout=2s");
        assertThat(exit.code()).isEqualTo(1);
        // after the certificate's line: the settings are checked as the reviewer is made, once the server has its key
        assertThat(exit.output()).last().isEqualTo("natsguard serve: natsguard.lookups.timeout (2000 ms) leaves lookups no time within "
                + "natsguard.review.deadline (3000 ms): the deadline must be more than twice the lookup timeout");
        assertThat(exit.output()).noneMatch(line -> line.contains("Exception") || line.startsWith("\tat ") || line.contains("ERROR"));
    }
}
