package io.natsguard.report;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** natsguard's version, as Maven wrote it into the build: reports name the tool that made them. */
public final class ToolVersion {

    private static final Properties BUILD = read();

    private ToolVersion() {
    }

    /** The project version, e.g. 0.1.0-SNAPSHOT, or "unknown" outside a build. */
    public static String get() {
        return value("version");
    }

    /** The commit built, e.g. 3004936 (with "-dirty" when the tree had changes), or "unknown" (no git at build time). */
    public static String commit() {
        String commit = value("commit");
        return commit.equals("unknown") || !value("dirty").equals("true") ? commit : commit + "-dirty";
    }

    private static String value(String key) {
        String value = BUILD.getProperty(key, "unknown");
        return value.isBlank() || value.startsWith("${") ? "unknown" : value;
    }

    private static Properties read() {
        Properties build = new Properties();
        try (InputStream in = ToolVersion.class.getResourceAsStream("/natsguard-build.properties")) {
            if (in != null) {
                build.load(in);
            }
        } catch (IOException e) {
            // a build without its properties: every value is unknown
        }
        return build;
    }
}
