package io.natsguard.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The version and commit Maven writes into the build, as natsguard --version and the reports show them. */
class ToolVersionTest {

    @Test
    void theBuildKnowsItsVersionAndCommit() {
        assertThat(ToolVersion.get()).matches("\\d+\\.\\d+\\.\\d+\\S*");
        // a clone builds with its commit; a source tree without .git says unknown
        assertThat(ToolVersion.commit()).matches("[0-9a-f]{7,}(-dirty)?|unknown");
        assertThat(ToolVersion.commit()).doesNotContain("${");
    }
}
