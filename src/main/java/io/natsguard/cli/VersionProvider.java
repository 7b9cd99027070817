package io.natsguard.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** The version Maven wrote into the build. */
public class VersionProvider implements IVersionProvider {

    @Override
    public String[] getVersion() throws IOException {
        Properties build = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream("/natsguard-build.properties")) {
            if (in != null) {
                build.load(in);
            }
        }
        return new String[] {"natsguard " + build.getProperty("version", "unknown")};
    }
}
