package io.natsguard.rule;

import com.google.auto.service.AutoService;
import io.natsguard.base.Severity;
import io.natsguard.conf.ConfValue;
import io.natsguard.model.Cluster;
import io.natsguard.model.ConfigKeys;
import io.natsguard.model.GoDuration;
import io.natsguard.model.NatsConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

@AutoService(Rule.class)
@RuleInfo(id = "tls-config-invalid", severity = Severity.ERROR,
        title = "A tls block nats-server refuses",
        rationale = "nats-server checks every tls block when it reads the config (parseTLS): a cipher suite or curve "
                + "it does not know, an empty cipher_suites or curve_preferences, an insecure cipher suite without "
                + "allow_insecure_cipher_suites (since 2.12), a min_version below 1.2, cert_file without key_file "
                + "and the other combinations it refuses stop the server at start and fail nats-server -t.",
        fix = "Use the names nats-server knows (Go's crypto/tls names, e.g. TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 and "
                + "X25519), remove empty lists, and give each certificate its key.")
public final class TlsConfigInvalid implements Rule {

    /** Go 1.26's tls.CipherSuites(), which nats-server 2.14 accepts. */
    static final Set<String> SECURE_CIPHERS = Set.of("TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384",
            "TLS_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA", "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA",
            "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA", "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA",
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256");

    /** Go 1.26's tls.InsecureCipherSuites(): known, but refused without allow_insecure_cipher_suites. */
    static final Set<String> INSECURE_CIPHERS = Set.of("TLS_RSA_WITH_RC4_128_SHA", "TLS_RSA_WITH_3DES_EDE_CBC_SHA",
            "TLS_RSA_WITH_AES_128_CBC_SHA", "TLS_RSA_WITH_AES_256_CBC_SHA", "TLS_RSA_WITH_AES_128_CBC_SHA256",
            "TLS_RSA_WITH_AES_128_GCM_SHA256", "TLS_RSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_ECDSA_WITH_RC4_128_SHA",
            "TLS_ECDHE_RSA_WITH_RC4_128_SHA", "TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA",
            "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256");

    private static final Set<String> CIPHERS = Stream.concat(SECURE_CIPHERS.stream(), INSECURE_CIPHERS.stream())
            .collect(Collectors.toUnmodifiableSet());

    /** nats-server's curvePreferenceMap (server/ciphersuites.go). */
    static final Set<String> CURVES = Set.of("SecP384r1MLKEM1024", "SecP256r1MLKEM768", "X25519MLKEM768", "X25519",
            "CurveP256", "CurveP384", "CurveP521");

    private static final Set<String> HANDSHAKE_FIRST_WORDS = Set.of("true", "on", "false", "off", "auto", "auto_fallback");
    private static final Pattern PIN = Pattern.compile("[A-Fa-f0-9]{64}");

    @Override
    public void check(Cluster cluster, RuleContext context) {
        if (cluster.config() == null) {
            return;
        }
        for (TlsBlocks.Block block : TlsBlocks.of(cluster.config().root())) {
            new BlockCheck(cluster.config(), block, context).run();
        }
    }

    /** The checks of one block, reporting as they go. */
    private record BlockCheck(NatsConfig config, TlsBlocks.Block block, RuleContext context) {

        void run() {
            checkCiphers();
            checkNames("curve_preferences", "curve preference", CURVES, CURVES);
            checkMinVersion();
            checkCertificates();
            checkVerify();
            checkPins();
            checkHandshakeFirst();
        }

        private void checkCiphers() {
            List<String> insecure = new ArrayList<>();
            ConfValue list = checkNames("cipher_suites", "cipher", CIPHERS, SECURE_CIPHERS);
            if (list == null) {
                return;
            }
            list.asList().stream().filter(BlockCheck::known).map(v -> (String) v.value())
                    .filter(INSECURE_CIPHERS::contains).forEach(insecure::add);
            ConfValue allow = option("allow_insecure_cipher_suites");
            boolean allowed = allow != null && (allow.fromEnvironment() || Boolean.TRUE.equals(allow.value()));
            if (!insecure.isEmpty() && !allowed) {
                report(list, "cipher_suites in " + block.name() + " names insecure suites (" + String.join(", ", insecure)
                        + "): since 2.12 nats-server refuses it: \"insecure cipher suites configured without "
                        + "'allow_insecure_cipher_suites' option set\". Remove them (keep ECDHE suites with GCM or "
                        + "CHACHA20), or set allow_insecure_cipher_suites: true if old clients need them.");
            }
        }

        /**
         * Checks a list of names against those nats-server accepts, suggesting from those it should use;
         * returns the list when nats-server reads its names, else null.
         */
        private ConfValue checkNames(String key, String what, Set<String> names, Set<String> suggested) {
            ConfValue list = option(key);
            if (list == null || list.type() != ConfValue.Type.ARRAY || list.fromEnvironment()) {
                return null;
            }
            if (list.asList().isEmpty()) {
                report(list, key + " in " + block.name() + " is empty: nats-server refuses it: \"error parsing tls "
                        + "config, '" + key + "' cannot be empty\". Remove the key to use the defaults, or name "
                        + "at least one of: " + String.join(", ", sorted(suggested)) + ".");
                return null;
            }
            for (ConfValue element : list.asList()) {
                if (!known(element)) {
                    continue;
                }
                String name = (String) element.value();
                if (!names.contains(name)) {
                    String closest = closest(name, suggested);
                    report(element, what + " " + name + " in " + block.name() + " is unknown: nats-server refuses it: \""
                            + "unrecognized " + what + " " + name + "\". "
                            + (closest != null ? "Did you mean " + closest + "?" : "Choose from: " + String.join(", ", sorted(suggested)) + "."));
                }
            }
            return list;
        }

        private void checkMinVersion() {
            ConfValue version = option("min_version");
            if (!known(version)) {
                return;
            }
            String text = (String) version.value();
            if (text.equals("1.0") || text.equals("1.1")) {
                report(version, "min_version " + text + " in " + block.name() + ": nats-server refuses it: \"unsupported "
                        + "TLS version: TLS " + text + "\". Write \"1.2\" or \"1.3\".");
            } else if (!text.equals("1.2") && !text.equals("1.3")) {
                report(version, "min_version " + text + " in " + block.name() + " is unknown: nats-server refuses it: "
                        + "\"unknown version: " + text + "\". Write \"1.2\" or \"1.3\".");
            }
        }

        private void checkCertificates() {
            ConfValue cert = option("cert_file");
            ConfValue key = option("key_file");
            ConfValue certs = ConfigKeys.any(block.map(), "certs", "certificates");
            if (cert != null && key == null && option("cert_store") == null) {
                report(cert, "cert_file in " + block.name() + " has no key_file: nats-server refuses it: \"missing "
                        + "'key_file' in TLS configuration\". Add key_file with the certificate's private key.");
            } else if (key != null && cert == null && option("cert_store") == null) {
                report(key, "key_file in " + block.name() + " has no cert_file: nats-server refuses it: \"missing "
                        + "'cert_file' in TLS configuration\". Add cert_file with the certificate.");
            }
            if (certs == null || certs.type() != ConfValue.Type.ARRAY) {
                return;
            }
            if (cert != null && !certs.asList().isEmpty()) {
                report(certs, "certs and cert_file together in " + block.name() + ": nats-server refuses it: \"error "
                        + "parsing tls config, cannot combine 'cert_file' option with 'certs' option\". Keep one: "
                        + "move cert_file and key_file into the certs list.");
            }
            for (ConfValue pair : certs.asList()) {
                if (pair.type() == ConfValue.Type.MAP && !pair.fromEnvironment()
                        && (ConfigKeys.get(pair, "cert_file") == null || ConfigKeys.get(pair, "key_file") == null)) {
                    report(pair, "an entry of certs in " + block.name() + " lacks cert_file or key_file: nats-server "
                            + "refuses it: \"error parsing certificates config: both 'cert_file' and 'cert_key' options "
                            + "are required\". Give each entry both.");
                }
            }
        }

        private void checkVerify() {
            ConfValue verify = option("verify");
            boolean optional = known(verify) && ((String) verify.value()).equalsIgnoreCase("optional");
            if (known(verify) && !optional) {
                report(verify, "verify: " + verify.value() + " in " + block.name() + ": nats-server refuses it: \"error parsing "
                        + "tls config, expected 'verify' to be a boolean or 'optional'\". Write true, false or optional.");
            }
            if (optional && (isTrue(option("verify_and_map")) || isTrue(option("verify_cert_and_check_known_urls")))) {
                report(verify, "verify: optional in " + block.name() + " with an option that requires client "
                        + "certificates: nats-server refuses it: \"error parsing tls config, cannot combine 'verify: "
                        + "optional' with options requiring client certificates\". Keep one of them.");
            }
            ConfValue knownUrls = option("verify_cert_and_check_known_urls");
            if (block.clientContext() && isTrue(knownUrls)) {
                report(knownUrls, "verify_cert_and_check_known_urls in " + block.name() + ": nats-server refuses it: "
                        + "\"verify_cert_and_check_known_urls not supported in this context\". It works in cluster "
                        + "and gateway tls blocks only: use verify or verify_and_map here.");
            }
        }

        private void checkPins() {
            ConfValue pins = option("pinned_certs");
            if (pins == null || pins.type() != ConfValue.Type.ARRAY) {
                return;
            }
            for (ConfValue pin : pins.asList()) {
                if (known(pin) && !PIN.matcher((String) pin.value()).matches()) {
                    report(pin, "a pinned_certs entry in " + block.name() + " is no SHA-256 in hex: nats-server refuses "
                            + "it: \"does not look like hex-encoded sha256 of DER encoded SubjectPublicKeyInfo\". "
                            + "Write the 64 hex digits of the SHA-256 of the certificate's public key.");
                }
            }
        }

        private void checkHandshakeFirst() {
            for (String key : List.of("handshake_first", "first", "immediate")) {
                ConfValue value = option(key);
                if (known(value) && !HANDSHAKE_FIRST_WORDS.contains(((String) value.value()).toLowerCase(Locale.ROOT))
                        && GoDuration.parse((String) value.value()) == null) {
                    report(value, key + " in " + block.name() + " is " + value.value() + ": nats-server refuses it: \"field \""
                            + key + "\"'s value \"" + value.value() + "\" is invalid\". Write true, false, auto or a "
                            + "fallback delay such as \"50ms\".");
                }
            }
        }

        private ConfValue option(String key) {
            return ConfigKeys.get(block.map(), key);
        }

        private void report(ConfValue at, String message) {
            context.report(config.locate(at), message);
        }

        /** A string written in the file: values that come from the environment are the runtime's. */
        private static boolean known(ConfValue value) {
            return value != null && value.type() == ConfValue.Type.STRING && !value.fromEnvironment();
        }

        private static boolean isTrue(ConfValue value) {
            return value != null && Boolean.TRUE.equals(value.value());
        }
    }

    /** The name meant (nats-server matches names exactly): the same but for case, or at most two edits away. */
    private static String closest(String name, Set<String> names) {
        Map<String, String> byLowerCase = names.stream().collect(Collectors.toMap(ConfigWalk::lower, n -> n));
        String lower = ConfigWalk.closest(name, byLowerCase.keySet());
        return lower == null ? null : byLowerCase.get(lower);
    }

    private static List<String> sorted(Set<String> names) {
        return names.stream().sorted().toList();
    }
}
