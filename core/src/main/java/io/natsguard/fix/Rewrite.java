package io.natsguard.fix;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import io.natsguard.base.Redactor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.Arrays;
import java.util.List;

/** A planned change made real: a unified diff to show, or the file rewritten atomically. */
public final class Rewrite {

    private Rewrite() {
    }

    /** The change as a unified diff (a/ and b/ before relative paths, 3 lines of context), passwords in route URLs redacted. */
    public static String diff(Fixer.FileChange change) {
        List<String> before = lines(change.before());
        List<String> after = lines(change.after());
        boolean absolute = change.file().startsWith("/");
        List<String> unified = UnifiedDiffUtils.generateUnifiedDiff((absolute ? "" : "a/") + change.file(),
                (absolute ? "" : "b/") + change.file(), before, DiffUtils.diff(before, after), 3);
        return Redactor.redact(String.join("\n", unified)) + "\n";
    }

    /** The file changed since it was read: it is left alone. */
    public static final class Changed extends IOException {

        Changed(String message) {
            super(message);
        }
    }

    /**
     * Writes the new text beside the file, then renames it over the file: a reader sees the old
     * file or the new one, never half of one. The file's permissions are kept. A file that no
     * longer holds the text the plan was made from is not written.
     */
    public static void write(Fixer.FileChange change) throws IOException {
        Path file = Path.of(change.file());
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException(change.file() + ": not a regular file (a link is not rewritten)");
        }
        if (!Files.readString(file, StandardCharsets.UTF_8).equals(change.before())) {
            throw new Changed(change.file() + ": changed since natsguard read it; not rewritten (run natsguard fix again)");
        }
        Path temporary = Files.createTempFile(file.toAbsolutePath().getParent(), "." + file.getFileName(), ".natsguard-fix");
        try {
            Files.writeString(temporary, change.after(), StandardCharsets.UTF_8);
            PosixFileAttributeView posix = Files.getFileAttributeView(file, PosixFileAttributeView.class);
            if (posix != null) {
                Files.setPosixFilePermissions(temporary, posix.readAttributes().permissions());
            }
            try {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** Lines as the diff sees them; a final newline makes no empty last line. */
    private static List<String> lines(String text) {
        List<String> all = Arrays.asList(text.split("\n", -1));
        return text.endsWith("\n") ? all.subList(0, all.size() - 1) : all;
    }
}
