package io.natsguard.model;

import io.natsguard.base.Position;
import io.natsguard.base.Redactor;
import io.natsguard.base.Related;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One route URL as written, parsed once and as leniently as Go's url.Parse:
 * {@code scheme://[user[:pass]@]host[:port][/path]}. The user info is everything before the last '@'
 * of the authority, the password everything after its first ':' (net/url parseAuthority).
 */
public final class Route {

    private final String url;
    private final Position position;
    private final List<Related> via;
    private final String scheme;
    private final String userInfo;
    private final String host;
    private final int port;

    /**
     * @param url      the URL as written (may hold a password: print {@link #redacted()} only)
     * @param position where it is written
     */
    public Route(String url, Position position) {
        this(url, position, List.of());
    }

    /**
     * @param url      the URL once the variables a pod spec sets literally are substituted
     * @param position where it is used
     * @param via      where the values of those variables are written
     */
    public Route(String url, Position position, List<Related> via) {
        this.url = url;
        this.position = position;
        this.via = List.copyOf(via);
        int schemeEnd = url.indexOf("://");
        this.scheme = schemeEnd < 0 ? "" : url.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
        String rest = schemeEnd < 0 ? url : url.substring(schemeEnd + 3);
        int pathStart = rest.indexOf('/');
        String authority = pathStart < 0 ? rest : rest.substring(0, pathStart);
        int at = authority.lastIndexOf('@');
        this.userInfo = at < 0 ? "" : authority.substring(0, at);
        String hostPort = authority.substring(at + 1);
        int colon = hostPort.lastIndexOf(':');
        if (colon < hostPort.indexOf(']')) {
            colon = -1; // inside an IPv6 address in brackets, which has no port
        }
        this.host = (colon < 0 ? hostPort : hostPort.substring(0, colon)).toLowerCase(Locale.ROOT);
        this.port = colon < 0 ? -1 : parsePort(hostPort.substring(colon + 1));
    }

    private static int parsePort(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    public String url() {
        return url;
    }

    public Position position() {
        return position;
    }

    /** Where the variables that make up this URL are set (a container's {@code env}), each a related place of a finding. */
    public List<Related> via() {
        return via;
    }

    /**
     * Whether the host is known before run time. A host that still holds a variable ({@code $ROUTES}
     * in a config, {@code $(ROUTE_URL)} that the pod spec does not set literally) is whatever the
     * runtime puts there: possibly one seed server, possibly a list.
     */
    public boolean hostKnown() {
        return !host.contains("$");
    }

    public String scheme() {
        return scheme;
    }

    /** The user info before '@' ("user:pass"), or empty. */
    public String userInfo() {
        return userInfo;
    }

    public boolean hasPassword() {
        return !password().isEmpty();
    }

    /** The password as written (percent-encoded as in the URL), or empty. */
    public String password() {
        int colon = userInfo.indexOf(':');
        return colon < 0 ? "" : userInfo.substring(colon + 1);
    }

    public String host() {
        return host;
    }

    /** The port, or -1 when none is written. */
    public int port() {
        return port;
    }

    /** The URL with its password replaced by {@code ***}: the only form of it to print. */
    public String redacted() {
        return Redactor.redactUrl(url);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Route r && r.url.equals(url) && Objects.equals(r.position, position);
    }

    @Override
    public int hashCode() {
        return Objects.hash(url, position);
    }

    @Override
    public String toString() {
        return redacted() + " at " + position;
    }
}
