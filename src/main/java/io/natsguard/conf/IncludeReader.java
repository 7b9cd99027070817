package io.natsguard.conf;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Where the parser reads files from: the file system, or (for a config held in a ConfigMap) the
 * other keys mounted beside it. A failure's message reads as Go's os.ReadFile error, which the
 * server's messages quote.
 */
@FunctionalInterface
public interface IncludeReader {

    byte[] read(String path) throws IOException;

    /**
     * The file system, but only below {@code root}: an include that climbs out of it (through
     * {@code ..} or a link) is refused before any file is touched. For configs that come from
     * elsewhere, whose includes must not read the machine's own files.
     */
    static IncludeReader within(Path root) {
        Path top = root.toAbsolutePath().normalize();
        return path -> {
            Path target = Path.of(path.isEmpty() ? "." : path).toAbsolutePath().normalize();
            if (!target.startsWith(top)) {
                throw new IOException("open " + path + ": outside " + top + ", not read");
            }
            if (Files.exists(target) && !target.toRealPath().startsWith(top.toRealPath())) {
                throw new IOException("open " + path + ": a link out of " + top + ", not read");
            }
            return FILES.read(path);
        };
    }

    /** The file system, relative paths against the working directory, as the server reads them. */
    IncludeReader FILES = path -> {
        Path file = Path.of(path.isEmpty() ? "." : path);
        if (Files.isDirectory(file)) {
            throw new IOException("read " + path + ": is a directory");
        }
        if (Files.exists(file) && !Files.isRegularFile(file)) {
            // The server would block on a FIFO and read /dev/zero until memory runs out.
            throw new IOException("read " + path + ": not a regular file");
        }
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new IOException("open " + path + ": no such file or directory", e);
        } catch (AccessDeniedException e) {
            throw new IOException("open " + path + ": permission denied", e);
        } catch (OutOfMemoryError e) {
            throw new IOException("read " + path + ": too large", e);
        }
    };
}
