package io.natsguard.report;

import io.natsguard.base.Visible;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * GitHub Actions workflow commands, one a finding:
 * {@code ::error file=F,line=L,col=C,title=RULE::MESSAGE}, so that findings show on the pull request's lines.
 */
public final class GithubFormat implements ReportFormat {

    @Override
    public void write(Report report, OutputStream out) throws IOException {
        PrintStream print = new PrintStream(out, false, StandardCharsets.UTF_8);
        for (Finding f : report.findings()) {
            String command = switch (f.severity()) {
                case ERROR -> "error";
                case WARNING -> "warning";
                case INFO -> "notice";
            };
            print.println("::" + command + " file=" + property(f.position().file()) + ",line=" + f.position().line()
                    + ",col=" + f.position().column() + ",title=" + property("natsguard " + f.ruleId()) + "::" + data(TextFormat.told(f)));
        }
        print.println(TextFormat.summary(report));
        print.flush();
    }

    /**
     * The escapes of the workflow command syntax for the message. Control characters are made visible
     * first ({@link Visible}): the runner would pass ESC through to the log, and a CR or LF (which the
     * syntax writes %0D, %0A) is never part of a message or file name natsguard means to show.
     */
    private static String data(String text) {
        return Visible.of(text).replace("%", "%25");
    }

    /** Property values also escape ':' and ','. */
    private static String property(String text) {
        return data(text).replace(":", "%3A").replace(",", "%2C");
    }
}
