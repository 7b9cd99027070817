package io.natsguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.natsguard.testing.NatsguardProcess;
import io.natsguard.testing.Repository;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bin/natsguard fix} as a user runs it: the diff, the rewrite, the exit codes. */
class FixCommandIT {

    private static final Path FIXTURE = Repository.path("core/src/test/resources/fix/configmap-no-routes/nats.yaml");

    @TempDir
    Path dir;

    @Test
    void dryRunPrintsTheDiffAndChangesNothing() throws Exception {
        Path file = Files.copy(FIXTURE, dir.resolve("nats.yaml"));
        String before = Files.readString(file);
        NatsguardProcess.Result result = NatsguardProcess.run(dir, Map.of(), "fix", "--dry-run", "nats.yaml");
        assertThat(result.exitCode()).as("cluster-tls-missing has no automatic fix").isEqualTo(1);
        assertThat(result.stdout()).startsWith("--- a/nats.yaml\n+++ b/nats.yaml\n@@ ")
                .contains("+      routes = [\n", "+        \"nats://nats-b-0.nats-b.billing.svc.cluster.local:6223\"\n");
        assertThat(result.stderr()).contains("natsguard fix: remains: nats.yaml:7: cluster-tls-missing");
        assertThat(Files.readString(file)).isEqualTo(before);
    }

    @Test
    void fixRewritesAndExitsZeroWhenNothingIsLeft() throws Exception {
        Files.copy(FIXTURE, dir.resolve("nats.yaml"), StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(dir.resolve("policy.conf"), "rules { cluster-tls-missing { enabled = false } }\n");
        NatsguardProcess.Result fixed = NatsguardProcess.run(dir, Map.of(), "fix", "--policy", "policy.conf", "nats.yaml");
        assertThat(fixed.exitCode()).as(fixed.stdout() + fixed.stderr()).isZero();
        assertThat(fixed.stdout()).contains("fixed nats.yaml:7: routes-missing (one route per pod of StatefulSet billing/nats)",
                "fixed nats.yaml:14: routes-missing (one route per pod of StatefulSet billing/nats-b)");
        assertThat(Files.readString(dir.resolve("nats.yaml"))).isEqualTo(Files.readString(Path.of(FIXTURE + ".fixed")));
        NatsguardProcess.Result again = NatsguardProcess.run(dir, Map.of(), "fix", "--policy", "policy.conf", "nats.yaml");
        assertThat(again.exitCode()).isZero();
        assertThat(again.stdout()).isEmpty();
        NatsguardProcess.Result lint = NatsguardProcess.run(dir, Map.of(), "lint", "--policy", "policy.conf", "nats.yaml");
        assertThat(lint.exitCode()).as(lint.stdout()).isZero();
    }

    @Test
    void aMissingPathIsAnError() throws Exception {
        NatsguardProcess.Result result = NatsguardProcess.run(dir, Map.of(), "fix", "nope.yaml");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stderr()).contains("natsguard fix: nope.yaml: no such file or directory");
    }
}
