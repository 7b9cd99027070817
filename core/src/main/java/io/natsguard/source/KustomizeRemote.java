package io.natsguard.source;

import io.natsguard.base.Redactor;
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
    /** go-getter's prefix that forces git, before the URL proper. */
    private static final String FORCED_GIT = "git::";
    private static final int SHOWN_LENGTH = 120;

    private KustomizeRemote() {
    }

    static boolean isRemote(String reference) {
        String entry = reference.strip();
        String lower = entry.toLowerCase(Locale.ROOT);
        return lower.startsWith("git::") || lower.startsWith("gh:") || lower.startsWith("github.com/")
                || lower.startsWith("github.com:") || SCHEME.matcher(entry).find() || SCP_USER.matcher(entry).find();
    }

    /**
     * A reference as a message may quote it: the whole user information of a URL hidden (a token may be
     * the user), then its first line, shortened between characters. Hidden first, lest a cut leave
     * part of a token without the '@' that marks it.
     */
    static String shown(String reference) {
        String entry = reference.strip();
        boolean forcedGit = entry.regionMatches(true, 0, FORCED_GIT, 0, FORCED_GIT.length());
        String prefix = forcedGit ? entry.substring(0, FORCED_GIT.length()) : "";
        String redacted = prefix + Redactor.redactUserInfo(entry.substring(prefix.length()));
        String first = redacted.lines().findFirst().orElse("");
        return first.codePointCount(0, first.length()) > SHOWN_LENGTH
                ? first.substring(0, first.offsetByCodePoints(0, SHOWN_LENGTH)) + "..." : first;
    }
}
