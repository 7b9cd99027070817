package io.natsguard.model;

import io.natsguard.conf.Position;
import io.natsguard.report.Redactor;

/**
 * One route URL as written, parsed as leniently as Go's url.Parse: {@code scheme://[user[:pass]@]host[:port]}.
 *
 * @param url      the URL as written (may hold a password: print {@link #redacted()} only)
 * @param position where it is written
 */
public record Route(String url, Position position) {

    public String scheme() {
        int i = url.indexOf("://");
        return i < 0 ? "" : url.substring(0, i).toLowerCase(java.util.Locale.ROOT);
    }

    private String authority() {
        int i = url.indexOf("://");
        String rest = i < 0 ? url : url.substring(i + 3);
        int end = rest.indexOf('/');
        return end < 0 ? rest : rest.substring(0, end);
    }

    /** The user info before '@' ("user:pass"), or empty. */
    public String userInfo() {
        String authority = authority();
        int at = authority.lastIndexOf('@');
        return at < 0 ? "" : authority.substring(0, at);
    }

    public boolean hasPassword() {
        return userInfo().contains(":") && userInfo().indexOf(':') < userInfo().length() - 1;
    }

    public String host() {
        String hostPort = authority().substring(authority().lastIndexOf('@') + 1);
        if (hostPort.startsWith("[")) {
            int close = hostPort.indexOf(']');
            return close < 0 ? hostPort : hostPort.substring(0, close + 1);
        }
        int colon = hostPort.lastIndexOf(':');
        return (colon < 0 ? hostPort : hostPort.substring(0, colon)).toLowerCase(java.util.Locale.ROOT);
    }

    /** The port, or -1 when none is written. */
    public int port() {
        String hostPort = authority().substring(authority().lastIndexOf('@') + 1);
        int colon = hostPort.lastIndexOf(':');
        if (colon < 0 || hostPort.endsWith("]")) {
            return -1;
        }
        try {
            return Integer.parseInt(hostPort.substring(colon + 1));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The URL with its password replaced by {@code ***}. */
    public String redacted() {
        return Redactor.redact(url);
    }
}
