package io.natsguard.source;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What kustomize fetches over the network instead of reading from disk. Its loader GETs an http(s)
 * URL (api/loader/fileloader.go) and clones what parses as a git repository spec
 * (api/internal/git/repospec.go: the schemes ssh://, https://, http:// and file://, go-getter's
 * {@code git::} prefix, scp-style {@code user@host:}, {@code github.com/} and {@code github.com:});
 * kustomize v4, in older kubectl, also cloned {@code gh:}. natsguard errs on the side of remote:
 * anything with a URL scheme counts, whether kustomize would fetch it or fail on it.
 */
final class KustomizeRemote {

    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*://");
    /** kustomize's own pattern for the user of an scp-style URL (extractUsername). */
    private static final Pattern SCP_USER = Pattern.compile("^[A-Za-z][A-Za-z0-9-]*@");
    /** The user information of a URL: a token or a password the message must not show. */
    private static final Pattern USER_INFO = Pattern.compile("^((?:git::)?[A-Za-z][A-Za-z0-9+.-]*://)[^/@]*@");
    private static final int SHOWN_LENGTH = 120;

    private KustomizeRemote() {
    }

    static boolean isRemote(String reference) {
        String entry = reference.strip();
        String lower = entry.toLowerCase(Locale.ROOT);
        return lower.startsWith("git::") || lower.startsWith("gh:") || lower.startsWith("github.com/")
                || lower.startsWith("github.com:") || SCHEME.matcher(entry).find() || SCP_USER.matcher(entry).find();
    }

    /** A reference as a message may quote it: its first line, shortened, without the user information of a URL. */
    static String shown(String reference) {
        String first = reference.strip().lines().findFirst().orElse("");
        String cut = first.length() > SHOWN_LENGTH ? first.substring(0, SHOWN_LENGTH) + "..." : first;
        return USER_INFO.matcher(cut).replaceFirst("$1***@");
    }
}
