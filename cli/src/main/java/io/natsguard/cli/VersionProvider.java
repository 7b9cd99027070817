package io.natsguard.cli;

import io.natsguard.report.ToolVersion;
import picocli.CommandLine.IVersionProvider;

/** {@code natsguard --version}. */
public class VersionProvider implements IVersionProvider {

    @Override
    public String[] getVersion() {
        return new String[] {"natsguard " + ToolVersion.get() + " (commit " + ToolVersion.commit() + ")"};
    }
}
