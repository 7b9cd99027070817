package io.natsguard.report;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hides passwords in URLs: {@code nats://user:secret@host:6222} becomes {@code nats://user:***@host:6222}.
 * Every text natsguard prints about a route goes through it.
 */
public final class Redactor {

    /** scheme://user:password@ — the password runs to the last '@' before the host. */
    private static final Pattern USERINFO = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*://)([^\\s/@:\"',\\]]*):([^\\s/\"',\\]]*)@");

    private Redactor() {
    }

    public static String redact(String text) {
        if (text == null || !text.contains("@")) {
            return text;
        }
        Matcher m = USERINFO.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + m.group(2) + ":***@"));
        }
        m.appendTail(out);
        return out.toString();
    }
}
