package io.natsguard.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The control plane the webhook's tests run against answers as the release it is filed under, with RBAC in force. */
class ControlPlaneTest {

    @TempDir
    static Path dir;
    static ControlPlane cluster;

    @BeforeAll
    static void start() throws Exception {
        cluster = ControlPlane.start(dir);
    }

    @AfterAll
    static void stop() throws Exception {
        cluster.close();
    }

    @Test
    void kubectlAndTheApiServerAreOfThePinnedRelease() throws Exception {
        ControlPlane.Result version = cluster.kubectl("version");
        assertThat(version.exitCode()).as(version.toString()).isZero();
        assertThat(version.stdout()).contains("Client Version: " + Peers.KUBERNETES, "Server Version: " + Peers.KUBERNETES);
    }

    @Test
    void theAdminMayDoAnythingAndAServiceAccountNothingUnbound() throws Exception {
        assertThat(cluster.kubectl("auth", "can-i", "create", "validatingwebhookconfigurations").stdout().strip()).isEqualTo("yes");
        ControlPlane.Result unbound = cluster.kubectl("auth", "can-i", "list", "configmaps", "--as", "system:serviceaccount:natsguard:natsguard");
        assertThat(unbound.stdout().strip()).as(unbound.toString()).isEqualTo("no");
        assertThat(unbound.exitCode()).isEqualTo(1);
    }

    @Test
    void objectsAreStored() throws Exception {
        assertThat(cluster.kubectl("create", "namespace", "stored").exitCode()).isZero();
        ControlPlane.Result got = cluster.kubectl("get", "namespace", "stored", "-o", "jsonpath={.status.phase}");
        assertThat(got.stdout()).as(got.toString()).isEqualTo("Active");
    }
}
