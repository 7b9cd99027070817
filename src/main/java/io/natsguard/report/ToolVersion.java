package io.natsguard.report;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** natsguard's version, as Maven wrote it into the build: reports name the tool that made them. */
public final class ToolVersion {

    private static final String VERSION = read();

    private ToolVersion() {
    }

    /** The project version, e.g. 0.1.0-SNAPSHOT, or "unknown" outside a build. */
    public static String get() {
        return VERSION;
    }

    private static String read() {
        Properties build = new Properties();
        try (InputStream in = ToolVersion.class.getResourceAsStream("/natsguard-build.properties")) {
            if (in != null) {
                build.load(in);
            }
        } catch (IOException e) {
            return "unknown";
        }
        return build.getProperty("version", "unknown");
    }
}
