package io.natsguard.conf;

import io.natsguard.limit.Limits;
import io.natsguard.limit.ReadScope;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the parser reads files from: the file system, or (for a config held in a ConfigMap) the
 * other keys mounted beside it. A failure's message reads as Go's os.ReadFile error, which the
 * server's messages quote.
 */
@FunctionalInterface
public interface IncludeReader {

    byte[] read(String path) throws IOException;

    /** A file natsguard does not read: past a bound, or outside what it may read. Reported as limit-exceeded. */
    final class Refused extends IOException {

        public Refused(String message) {
            super(message);
        }
    }

    /**
     * A file natsguard cannot read, though the parse may go on without it: one missing from the files
     * natsguard was given (the server would refuse the config; the rest is still checked), or one
     * that exists only at run time (written into a volume by another container, mounted from an
     * object that was not scanned), which is not checked.
     */
    final class Unavailable extends IOException {

        private final boolean atRunTime;

        public Unavailable(String message, boolean atRunTime) {
            super(message);
            this.atRunTime = atRunTime;
        }

        /** True when the file exists only at run time: no error, a note. */
        public boolean atRunTime() {
            return atRunTime;
        }
    }

    /**
     * The file system, but only inside {@code scope}: an include that lies outside it (through
     * {@code ..}, an absolute path or a link) is refused before any file is touched. For configs
     * found in a scanned tree, whose includes must not read the machine's own files.
     */
    static IncludeReader within(ReadScope scope, Limits limits) {
        IncludeReader files = files(limits);
        return path -> {
            Optional<String> refusal = scope.refusal(Path.of(path.isEmpty() ? "." : path));
            if (refusal.isPresent()) {
                throw new Refused("open " + path + ": " + refusal.get() + "; natsguard does not read it");
            }
            return files.read(path);
        };
    }

    /**
     * The file system, relative paths against the working directory, as the server reads them; a
     * file larger than limits.max-file-size is refused unread.
     */
    static IncludeReader files(Limits limits) {
        return path -> {
            Path file = Path.of(path.isEmpty() ? "." : path);
            if (Files.isDirectory(file)) {
                throw new IOException("read " + path + ": is a directory");
            }
            if (Files.exists(file) && !Files.isRegularFile(file)) {
                // The server would block on a FIFO and read /dev/zero until memory runs out.
                throw new IOException("read " + path + ": not a regular file");
            }
            try (InputStream in = Files.newInputStream(file)) {
                byte[] content = limits.readAtMost(in);
                if (content == null) {
                    throw new Refused("read " + path + ": " + limits.tooLarge());
                }
                return content;
            } catch (NoSuchFileException e) {
                throw new IOException("open " + path + ": no such file or directory", e);
            } catch (AccessDeniedException e) {
                throw new IOException("open " + path + ": permission denied", e);
            }
        };
    }
}
