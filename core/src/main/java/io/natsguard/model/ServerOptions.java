package io.natsguard.model;

import io.natsguard.conf.ConfValue.Type;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The options nats-server accepts (server/opts.go of the 2.12 line: processConfigFileLine, parseCluster,
 * parseAuthorization, parseTLS), by block, with the value types it takes. Keys are lower case: the
 * server lower-cases them before it looks. In a tls block an unknown key is an error even when it is
 * a used variable; elsewhere a key defined to be used as a $variable is allowed.
 */
public final class ServerOptions {

    private static final Set<Type> STRING = EnumSet.of(Type.STRING);
    private static final Set<Type> INT = EnumSet.of(Type.INT);
    private static final Set<Type> BOOL = EnumSet.of(Type.BOOL);
    private static final Set<Type> MAP = EnumSet.of(Type.MAP);
    private static final Set<Type> ARRAY = EnumSet.of(Type.ARRAY);
    private static final Set<Type> PORT_OR_HOSTPORT = EnumSet.of(Type.INT, Type.STRING);
    private static final Set<Type> DURATION = EnumSet.of(Type.STRING, Type.INT);
    private static final Set<Type> SECONDS = EnumSet.of(Type.STRING, Type.INT, Type.FLOAT);
    private static final Set<Type> ANY = EnumSet.allOf(Type.class);

    /** Top-level options and the types they take (ANY where the server takes several shapes). */
    public static final Map<String, Set<Type>> TOP_LEVEL = new HashMap<>();
    /** The cluster block. */
    public static final Map<String, Set<Type>> CLUSTER = new HashMap<>();
    /** A cluster's authorization block. */
    public static final Map<String, Set<Type>> CLUSTER_AUTHORIZATION = new HashMap<>();
    /** Any tls block. */
    public static final Map<String, Set<Type>> TLS = new HashMap<>();
    /** For recognising NATS config among other .conf text: options with one clear type. */
    public static final Map<String, Type> TOP_LEVEL_TYPES = new HashMap<>();

    static {
        for (String k : new String[] {"listen", "client_advertise", "http", "https", "net", "host"}) {
            TOP_LEVEL.put(k, PORT_OR_HOSTPORT);
        }
        for (String k : new String[] {"port", "http_port", "monitor_port", "https_port", "prof_port",
            "max_connections", "max_conn", "max_subscriptions", "max_subs", "max_pending", "max_payload",
            "max_control_line", "max_traced_msg_len", "ping_max", "max_closed_clients", "connect_error_reports",
            "reconnect_error_reports", "log_size_limit", "logfile_size_limit", "log_max_num", "logfile_max_num",
            "max_sub_tokens", "max_subscription_tokens", "prof_block_rate"}) {
            TOP_LEVEL.put(k, INT);
        }
        for (String k : new String[] {"server_name", "logfile", "log_file", "pidfile", "pid_file", "ports_file_dir",
            "http_base_path", "remote_syslog", "no_auth_user", "system_account", "system", "default_js_domain",
            "store_dir", "storedir", "write_timeout"}) {
            TOP_LEVEL.put(k, STRING);
        }
        for (String k : new String[] {"debug", "trace", "trace_verbose", "logtime", "logtime_utc", "syslog",
            "no_header_support", "no_system_account", "no_system", "no_sys_acc", "disable_sublist_cache",
            "no_sublist_cache", "allow_non_tls", "no_fast_producer_stall", "trace_headers", "proxy_protocol"}) {
            TOP_LEVEL.put(k, BOOL);
        }
        for (String k : new String[] {"ping_interval", "write_deadline"}) {
            TOP_LEVEL.put(k, DURATION);
        }
        for (String k : new String[] {"lame_duck_duration", "lame_duck_grace_period"}) {
            TOP_LEVEL.put(k, STRING);
        }
        for (String k : new String[] {"cluster", "gateway", "leafnodes", "leaf", "websocket", "ws", "mqtt", "tls",
            "authorization", "resolver_tls", "ocsp_cache", "server_metadata", "proxies"}) {
            TOP_LEVEL.put(k, MAP);
        }
        for (String k : new String[] {"accounts", "jetstream", "resolver", "account_resolver", "accounts_resolver",
            "operator", "operators", "roots", "root", "root_operators", "root_operator", "trusted", "trusted_keys",
            "resolver_preload", "resolver_pinned_accounts", "mappings", "maps", "server_tags", "ocsp",
            "default_sentinel", "feature_flags"}) {
            TOP_LEVEL.put(k, ANY);
        }

        CLUSTER.put("name", STRING);
        CLUSTER.put("listen", PORT_OR_HOSTPORT);
        CLUSTER.put("port", INT);
        CLUSTER.put("host", STRING);
        CLUSTER.put("net", STRING);
        CLUSTER.put("advertise", STRING);
        CLUSTER.put("cluster_advertise", STRING);
        CLUSTER.put("no_advertise", BOOL);
        CLUSTER.put("connect_retries", INT);
        CLUSTER.put("connect_backoff", BOOL);
        CLUSTER.put("routes", ARRAY);
        CLUSTER.put("authorization", MAP);
        CLUSTER.put("tls", MAP);
        CLUSTER.put("permissions", MAP);
        CLUSTER.put("pool_size", INT);
        CLUSTER.put("accounts", EnumSet.of(Type.ARRAY, Type.STRING));
        CLUSTER.put("compression", ANY);
        CLUSTER.put("ping_interval", DURATION);
        CLUSTER.put("ping_max", INT);
        CLUSTER.put("write_deadline", DURATION);
        CLUSTER.put("write_timeout", STRING);

        for (String k : new String[] {"user", "username", "password", "pass"}) {
            CLUSTER_AUTHORIZATION.put(k, STRING);
        }
        CLUSTER_AUTHORIZATION.put("timeout", SECONDS);
        CLUSTER_AUTHORIZATION.put("permissions", MAP); // deprecated there: the server warns
        CLUSTER_AUTHORIZATION.put("proxy_required", BOOL);

        for (String k : new String[] {"cert_file", "key_file", "ca_file", "min_version", "cert_store", "cert_match_by",
            "cert_match"}) {
            TLS.put(k, STRING);
        }
        for (String k : new String[] {"verify", "verify_and_map", "verify_cert_and_check_known_urls", "insecure",
            "cert_match_skip_invalid", "allow_insecure_cipher_suites"}) {
            TLS.put(k, BOOL);
        }
        for (String k : new String[] {"cipher_suites", "curve_preferences", "pinned_certs", "certs", "certificates"}) {
            TLS.put(k, ARRAY);
        }
        TLS.put("ca_certs_match", EnumSet.of(Type.ARRAY, Type.STRING));
        TLS.put("timeout", SECONDS);
        TLS.put("connection_rate_limit", INT);
        for (String k : new String[] {"handshake_first", "first", "immediate", "ocsp_peer"}) {
            TLS.put(k, ANY);
        }

        TOP_LEVEL.forEach((k, types) -> {
            if (types.size() == 1) {
                TOP_LEVEL_TYPES.put(k, types.iterator().next());
            }
        });
    }

    private ServerOptions() {
    }
}
