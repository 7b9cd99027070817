package io.natsguard.webhook;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** The certificate and key files of {@code natsguard serve} as read at one moment: their paths and bytes. */
record PemFiles(Path certFile, Path keyFile, byte[] cert, byte[] key) {

    static PemFiles read(Path certFile, Path keyFile) throws IOException {
        return new PemFiles(certFile, keyFile, Files.readAllBytes(certFile), Files.readAllBytes(keyFile));
    }

    /** Whether both files held the same bytes then as in {@code other} (a file rewritten unchanged is no change). */
    boolean sameContent(PemFiles other) {
        return other != null && Arrays.equals(cert, other.cert) && Arrays.equals(key, other.key);
    }
}
