package io.natsguard.webhook;

import io.quarkus.runtime.Quarkus;
import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code natsguard serve}: its options become the natsguard.* settings ({@link WebhookConfig}), then
 * Quarkus starts the HTTPS server and runs until it is stopped. Settings not given on the command
 * line come from the usual places (application.properties, -D, NATSGUARD_* variables).
 */
@Command(name = "serve", usageHelpWidth = 100,
        description = {"The validating admission webhook, over HTTPS only (TLS 1.2 and 1.3): POST /validate takes "
                + "admission.k8s.io/v1 AdmissionReviews; /q/health/live, /q/health/ready and /q/metrics. The certificate "
                + "files are read again every 30 s, so that a rotated Secret is served without a restart."})
final class ServeCommand implements Callable<Integer> {

    static final int USAGE = 2;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Option(names = "--port", paramLabel = "N", converter = PortConverter.class,
            description = "The HTTPS port (default 8443; 0: any free port).")
    Integer port;

    @Option(names = "--tls-cert", paramLabel = "FILE", description = "PEM certificate chain (default /etc/natsguard/tls/tls.crt).")
    String tlsCert;

    @Option(names = "--tls-key", paramLabel = "FILE", description = "PEM private key (default /etc/natsguard/tls/tls.key).")
    String tlsKey;

    @Option(names = "--policy", paramLabel = "FILE", description = "A policy file (default: the built-in policy).")
    String policy;

    @Option(names = "--aot-train", description = "Make the start-up cache now (a container build does this) and exit: "
            + "bin/natsguard makes it before the start; this fails when the JVM was not started with one.")
    boolean aotTrain;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (aotTrain) {
            return startedWithCache();
        }
        settings().forEach(System::setProperty);
        Quarkus.run(); // returns only through System.exit, when the server stops
        return 0;
    }

    /** The settings the options given stand for, by their natsguard.* names. */
    Map<String, String> settings() {
        Map<String, String> settings = new LinkedHashMap<>();
        if (port != null) {
            settings.put("natsguard.port", port.toString());
        }
        if (tlsCert != null) {
            settings.put("natsguard.tls.cert", tlsCert);
        }
        if (tlsKey != null) {
            settings.put("natsguard.tls.key", tlsKey);
        }
        if (policy != null) {
            settings.put("natsguard.policy", policy);
        }
        return settings;
    }

    /**
     * bin/natsguard makes the start-up cache before it starts the JVM, and starts the JVM with it only
     * once the JVM has accepted it (-XX:AOTCache on JDK 25, -XX:SharedArchiveFile before): with one of
     * them, the cache is made; without, it could not be.
     */
    private int startedWithCache() {
        boolean cached = ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .anyMatch(option -> option.startsWith("-XX:AOTCache=") || option.startsWith("-XX:SharedArchiveFile="));
        if (cached) {
            return 0;
        }
        spec.commandLine().getErr().println("natsguard serve --aot-train: no start-up cache the JVM starts with was made "
                + "(is openssl installed, the cache folder writable, and NATSGUARD_NO_CACHE unset? Run it through bin/natsguard.)");
        return USAGE;
    }

    /** A TCP port, or 0 for any free one. */
    static final class PortConverter implements ITypeConverter<Integer> {

        @Override
        public Integer convert(String value) {
            try {
                int port = Integer.parseInt(value);
                if (port >= 0 && port <= 65535) {
                    return port;
                }
            } catch (NumberFormatException notANumber) {
                // the same answer as out of range, below
            }
            throw new TypeConversionException("'" + value + "' is no port (0 to 65535)");
        }
    }
}
