package io.natsguard.base;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hides secrets in what natsguard prints: the password of a URL's user info
 * ({@code nats://user:***@host:6222}, and without a scheme {@code user:***@host:6222}) and the value
 * of a {@code password}, {@code pass} or {@code token} key ({@code password: ***}).
 *
 * <p>nats-server reads a route with Go's {@code url.Parse} (after trimming spaces): the user info is
 * everything before the LAST '@' of the authority, the password everything after its first ':'
 * (net/url {@code parseAuthority}). So a password may hold '@', ':', ',', ''' and ';' as they are,
 * and any other character percent-encoded. Written raw, '/', '?', '#', '"' or a space make the server
 * refuse the URL, but the text still holds the password: the part hidden here runs to the last '@'
 * of the URL whatever comes before it. Hiding too much is a blemish; showing a password is a leak.
 */
public final class Redactor {

    /** What stands in for a secret. */
    public static final String MASK = "***";

    /** Option keys whose values are secrets (nats-server matches keys without regard to case). */
    private static final Set<String> SECRET_KEYS = Set.of("password", "pass", "token");

    /** A scheme as Go reads one: a letter, then letters, digits, '+', '-' or '.', then "://". */
    private static final Pattern LEADING_SCHEME = Pattern.compile("^\\s*[A-Za-z][A-Za-z0-9+.-]*://");

    /**
     * {@code password: VALUE}, {@code pass = VALUE}, {@code "token": "VALUE"}, {@code ROUTE_PASSWORD=VALUE}
     * as NATS config, YAML, JSON and the shell write them (not after '/': {@code nats://pass:...} is a
     * URL's user). The value is a quoted string, or runs to the end of the line (a YAML plain scalar may
     * hold spaces and commas).
     */
    private static final Pattern SECRET_VALUE = Pattern.compile(
            "(?i)(?<![\\w/-])[\"']?[\\w.-]*?(?:password|passwd|pass|token)[\"']?[ \\t]*[:=][ \\t]*"
                    + "(\"(?:[^\"\\\\]|\\\\.)*\"?|'[^']*'?|[^ \\t].*)");

    private Redactor() {
    }

    /** Whether an option of this name holds a secret, whose value is never quoted. */
    public static boolean isSecretKey(String key) {
        return SECRET_KEYS.contains(key.toLowerCase(Locale.ROOT));
    }

    /** One URL whose extent is known (a route as written, a flag's value), its password hidden. */
    public static String redactUrl(String url) {
        if (url == null) {
            return null;
        }
        int at = url.lastIndexOf('@');
        if (at < 0) {
            return url;
        }
        Matcher scheme = LEADING_SCHEME.matcher(url);
        int start = scheme.find() && scheme.end() <= at ? scheme.end() : 0;
        List<int[]> hidden = new ArrayList<>();
        hidePassword(url, start, at, hidden);
        return masked(url, hidden);
    }

    /**
     * One URL whose extent is known, its whole user info hidden ({@code https://***@host/org/repo.git}):
     * a git remote's user name may itself be a token. Without a scheme only a password is hidden, as in
     * {@link #redactUrl}: {@code git@host:org/repo} is an scp-style user, not a secret.
     */
    public static String redactUserInfo(String url) {
        int at = url.lastIndexOf('@');
        Matcher scheme = LEADING_SCHEME.matcher(url);
        if (at < 0 || !scheme.find() || scheme.end() > at) {
            return redactUrl(url);
        }
        return masked(url, new ArrayList<>(List.<int[]>of(new int[] {scheme.end(), at})));
    }

    /**
     * Free text (a message, a diff, an error from a library), each password of a URL and each value
     * of a secret key hidden. Lines are independent: neither a URL nor a value spans a line break.
     */
    public static String redact(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(text.length());
        int start = 0;
        while (start <= text.length()) {
            int end = start;
            while (end < text.length() && text.charAt(end) != '\n' && text.charAt(end) != '\r') {
                end++;
            }
            out.append(redactLine(text.substring(start, end)));
            if (end == text.length()) {
                break;
            }
            out.append(text.charAt(end));
            start = end + 1;
        }
        return out.toString();
    }

    private static String redactLine(String line) {
        List<int[]> hidden = new ArrayList<>();
        if (line.indexOf('@') >= 0) {
            hideUrlPasswords(line, hidden);
        }
        Matcher value = SECRET_VALUE.matcher(line);
        while (value.find()) {
            hidden.add(new int[] {value.start(1), value.end(1)});
        }
        return masked(line, hidden);
    }

    /**
     * Words are split at white space; a word is cut before each URL it holds ({@code a,nats://...}).
     * In each piece the user info runs from the scheme's "//" (or the piece's start: a URL without a
     * scheme) to the piece's last '@'.
     */
    private static void hideUrlPasswords(String line, List<int[]> hidden) {
        int i = 0;
        while (i < line.length()) {
            if (Character.isWhitespace(line.charAt(i))) {
                i++;
                continue;
            }
            int wordEnd = i;
            while (wordEnd < line.length() && !Character.isWhitespace(line.charAt(wordEnd))) {
                wordEnd++;
            }
            i = hideInWord(line, i, wordEnd, hidden);
        }
    }

    /** Returns where scanning goes on: the word's end, or past the '@' of a password that holds a space. */
    private static int hideInWord(String line, int wordStart, int wordEnd, List<int[]> hidden) {
        int credentials = wordStart;
        while (true) {
            int next = nextUrl(line, credentials, wordEnd);
            int pieceEnd = next < 0 ? wordEnd : next;
            int at = line.lastIndexOf('@', pieceEnd - 1);
            if (at >= credentials) {
                hidePassword(line, credentials, at, hidden);
            } else if (next < 0) {
                return passwordWithSpace(line, credentials, wordEnd, hidden);
            }
            if (next < 0) {
                return wordEnd;
            }
            credentials = line.indexOf("://", next) + 3;
        }
    }

    /**
     * Where the next URL of the word begins: a scheme (a letter, then letters, digits, '+', '-', '.')
     * and "://", at the word's start or after a character that ends a list or a quote. A scheme right
     * after ':' or '@' is inside a user info ({@code route:a://b@host} is user route, password a://b).
     */
    private static int nextUrl(String line, int from, int wordEnd) {
        for (int separator = line.indexOf("://", from); separator >= 0 && separator < wordEnd; separator = line.indexOf("://", separator + 1)) {
            int start = separator;
            while (start > from && isSchemeChar(line.charAt(start - 1))) {
                start--;
            }
            if (start < separator && Character.isLetter(line.charAt(start))
                    && (start == from || "\"',[(={;<".indexOf(line.charAt(start - 1)) >= 0)) {
                return start;
            }
        }
        return -1;
    }

    private static boolean isSchemeChar(char c) {
        return c < 128 && (Character.isLetterOrDigit(c) || c == '+' || c == '-' || c == '.');
    }

    /**
     * {@code nats://user:pass word@host}: the URL's first word has a user and the start of a password
     * (a ':' not followed by a port's digit), no '@'; its user info ends in the next word that holds
     * an '@', unless another URL starts first.
     */
    private static int passwordWithSpace(String line, int credentials, int wordEnd, List<int[]> hidden) {
        int colon = line.indexOf(':', credentials);
        if (colon < 0 || colon >= wordEnd - 1 || Character.isDigit(line.charAt(colon + 1)) || line.startsWith("//", colon + 1)
                || line.charAt(credentials) == '[') {
            return wordEnd;
        }
        int at = line.indexOf('@', wordEnd);
        int nextUrl = line.indexOf("://", wordEnd);
        if (at < 0 || nextUrl >= 0 && nextUrl < at) {
            return wordEnd;
        }
        int end = at;
        while (end < line.length() && !Character.isWhitespace(line.charAt(end))) {
            end++;
        }
        at = line.lastIndexOf('@', end - 1);
        hidePassword(line, credentials, at, hidden);
        return end;
    }

    /** The password of the user info between {@code start} and the '@' at {@code at}: after its first ':'. */
    private static void hidePassword(String text, int start, int at, List<int[]> hidden) {
        int colon = text.indexOf(':', start);
        if (colon >= 0 && colon + 1 < at) {
            hidden.add(new int[] {colon + 1, at});
        }
    }

    /** The text with each range replaced by the mask; overlapping ranges are one. */
    private static String masked(String text, List<int[]> hidden) {
        if (hidden.isEmpty()) {
            return text;
        }
        hidden.sort((a, b) -> Integer.compare(a[0], b[0]));
        StringBuilder out = new StringBuilder(text.length());
        int copied = 0;
        for (int[] range : hidden) {
            if (range[1] <= copied) {
                continue;
            }
            if (range[0] >= copied) {
                out.append(text, copied, range[0]).append(MASK);
            }
            copied = range[1];
        }
        return out.append(text, copied, text.length()).toString();
    }
}
