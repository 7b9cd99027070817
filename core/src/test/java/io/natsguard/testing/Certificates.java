package io.natsguard.testing;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The key material of a {@link ControlPlane}, made with openssl ({@code .ci/run} installs it): a CA
 * valid for a day, the API server's serving certificate for 127.0.0.1 and localhost, the cluster
 * admin's client certificate (group system:masters) and the service-account signing key, all
 * ECDSA P-256 (fast to make). Each file is NAME.crt / NAME.key in the folder given.
 */
final class Certificates {

    static final String CA = "ca";
    static final String SERVER = "apiserver";
    static final String ADMIN = "admin";
    /** NAME.key signs service-account tokens, NAME.pub checks them. */
    static final String SERVICE_ACCOUNTS = "service-accounts";

    private Certificates() {
    }

    static void write(Path dir) throws IOException, InterruptedException {
        openssl(dir, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "1",
                "-keyout", CA + ".key", "-out", CA + ".crt", "-subj", "/CN=natsguard-test-ca");
        signed(dir, SERVER, "/CN=kube-apiserver", "subjectAltName=IP:127.0.0.1,DNS:localhost", "extendedKeyUsage=serverAuth");
        signed(dir, ADMIN, "/O=system:masters/CN=natsguard-test-admin", "extendedKeyUsage=clientAuth");
        openssl(dir, "genpkey", "-algorithm", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-out", SERVICE_ACCOUNTS + ".key");
        openssl(dir, "pkey", "-in", SERVICE_ACCOUNTS + ".key", "-pubout", "-out", SERVICE_ACCOUNTS + ".pub");
    }

    /** A leaf certificate NAME.crt (not a CA) and its key, signed by the CA, with these extensions. */
    private static void signed(Path dir, String name, String subject, String... extensions) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-days", "1", "-CA", CA + ".crt", "-CAkey", CA + ".key", "-keyout", name + ".key", "-out", name + ".crt", "-subj", subject,
                "-addext", "basicConstraints=critical,CA:FALSE"));
        for (String extension : extensions) {
            args.addAll(List.of("-addext", extension));
        }
        openssl(dir, args.toArray(String[]::new));
    }

    private static void openssl(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        Path log = dir.resolve("openssl.log");
        Process openssl = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        if (!openssl.waitFor(30, TimeUnit.SECONDS)) {
            openssl.destroyForcibly().waitFor();
            throw new AssertionError("openssl " + String.join(" ", args) + " did not end within 30 s");
        }
        if (openssl.exitValue() != 0) {
            throw new AssertionError("openssl " + String.join(" ", args) + " failed (is openssl installed? .ci/run installs it): "
                    + Files.readString(log));
        }
    }
}
