package io.natsguard.conf;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Go's {@code filepath.Dir} and {@code filepath.Join} on slash-separated paths: the server builds
 * include paths with them, so an absolute include path is glued under the includer's directory and
 * {@code ..} is resolved lexically.
 */
public final class GoPaths {

    private GoPaths() {
    }

    public static String dir(String path) {
        int slash = path.lastIndexOf('/');
        return clean(slash < 0 ? "" : path.substring(0, slash + 1));
    }

    public static String join(String dir, String name) {
        if (dir.isEmpty()) {
            return name.isEmpty() ? "" : clean(name);
        }
        return clean(dir + "/" + name);
    }

    /** filepath.Clean: one slash between names, no "." names, ".." resolved where it can be. */
    public static String clean(String path) {
        if (path.isEmpty()) {
            return ".";
        }
        boolean rooted = path.startsWith("/");
        Deque<String> names = new ArrayDeque<>();
        for (String name : path.split("/")) {
            if (name.isEmpty() || name.equals(".")) {
                continue;
            }
            if (name.equals("..")) {
                if (!names.isEmpty() && !names.peekLast().equals("..")) {
                    names.removeLast();
                } else if (!rooted) {
                    names.addLast("..");
                }
            } else {
                names.addLast(name);
            }
        }
        String joined = String.join("/", names);
        if (rooted) {
            return "/" + joined;
        }
        return joined.isEmpty() ? "." : joined;
    }
}
