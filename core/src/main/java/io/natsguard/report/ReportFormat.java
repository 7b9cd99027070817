package io.natsguard.report;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Locale;

/** One way to write a lint report. */
public interface ReportFormat {

    /** Every name {@link #named} knows. */
    List<String> NAMES = List.of("text", "json", "sarif", "junit", "github");

    void write(Report report, OutputStream out) throws IOException;

    /** The formats of --format, by name. */
    static ReportFormat named(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "text" -> new TextFormat();
            case "json" -> new JsonFormat();
            case "sarif" -> new SarifFormat();
            case "junit" -> new JunitFormat();
            case "github" -> new GithubFormat();
            default -> throw new IllegalArgumentException("unknown format '" + name + "' (" + String.join(", ", NAMES) + ")");
        };
    }
}
