package io.natsguard.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** The version Maven wrote into the build. */
public class VersionProvider implements IVersionProvider {

    @Override
    public String[] getVersion() {
        return new String[] {"natsguard " + version()};
    }

    /** The project version, e.g. 0.1.0. */
    public String version() {
        Properties build = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream("/natsguard-build.properties")) {
            if (in != null) {
                build.load(in);
            }
        } catch (IOException e) {
            return "unknown";
        }
        return build.getProperty("version", "unknown");
    }
}
