package io.natsguard.rule;

import io.natsguard.base.Redactor;
import io.natsguard.conf.ConfValue;
import io.natsguard.edit.Fix;
import io.natsguard.edit.Planner;
import io.natsguard.model.Cluster;
import io.natsguard.model.ConfigKeys;
import io.natsguard.model.Route;
import io.natsguard.model.Workload;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The route lists the route rules propose: one URL per pod of a StatefulSet. */
final class RouteLists {

    private static final Pattern PER_POD = Pattern.compile("^(.+)-(\\d+)\\.([^.]+)(\\..*)?$");

    private RouteLists() {
    }

    /** Longer lists are written as a pattern: a message must stay readable. */
    static final int MAX_LISTED = 10;

    /** {@code nats://nats-0.nats-headless.nats.svc.cluster.local:6222, ...} for every replica. */
    static String perPod(Workload w, Cluster cluster, String defaultScheme, String userInfo, int defaultPort) {
        return written(perPodUrls(w, cluster, defaultScheme, userInfo, defaultPort));
    }

    /** A list as a message shows it: all URLs, or the pattern when there are many. */
    private static String written(List<String> urls) {
        if (urls.size() > MAX_LISTED) {
            return urls.get(0).replaceFirst("-0\\.", "-<i>.") + " for i = 0.." + (urls.size() - 1);
        }
        return String.join(", ", urls);
    }

    /** One URL per replica, all of them: tls:// when the cluster has TLS, the credentials given kept. */
    static List<String> perPodUrls(Workload w, Cluster cluster, String defaultScheme, String userInfo, int defaultPort) {
        String scheme = cluster.clusterTls() != null ? "tls" : defaultScheme;
        int port = clusterPort(cluster, defaultPort);
        String prefix = scheme + "://" + (userInfo.isEmpty() ? "" : userInfo + "@");
        List<String> urls = new ArrayList<>();
        for (int i = 0; i < w.replicas(); i++) {
            urls.add(prefix + w.podHost(i) + ":" + port);
        }
        return urls;
    }

    /**
     * The same list as URLs, keeping the scheme and credentials of a route already written; the
     * port is the pods' own cluster port, the written route's only when the config does not say
     * (a route to a Service may name the Service's port, which a pod does not listen on).
     */
    static List<String> perPodUrlsLike(Workload w, Cluster cluster, Route example) {
        int port = example.port() > 0 ? example.port() : clusterPort(cluster, 6222);
        String scheme = example.scheme().isEmpty() ? "nats" : example.scheme();
        return perPodUrls(w, cluster, scheme, example.userInfo(), port);
    }

    /** The fix of the route rules: one URL per pod when the workload names its pods; none otherwise. */
    static Fix fixRoutes(Cluster cluster, Planner planner) {
        Workload w = cluster.workload();
        if (w == null || !w.hasStablePodNames() || w.replicas() == null || w.replicas() < 1) {
            return Fix.NONE;
        }
        List<Route> routes = cluster.routes();
        return planner.setRoutes(cluster, routes.isEmpty() ? perPodUrls(w, cluster, "nats", "", 6222) : perPodUrlsLike(w, cluster, routes.get(0)));
    }

    /**
     * The advice for a workload whose pods have no stable DNS names, so that no route can name each
     * server: a StatefulSet without a headless Service, or a kind whose pods are named at random (a
     * DaemonSet's, one per node).
     */
    static String withoutStableNames(Workload w) {
        String statefulSet = "run NATS as a StatefulSet with a headless Service and write one route per pod";
        return switch (w.kind()) {
            case "StatefulSet" -> "Its pods have DNS names only through a headless Service: set serviceName to one and write "
                    + "one route per pod.";
            case "DaemonSet" -> "A DaemonSet's pods have no stable names (one per node, each named at random), so no route "
                    + "can name each server: " + statefulSet + ", or route to each node's own address (hostNetwork).";
            default -> "The pods of a " + w.kind() + " have no stable names, so no route can name each server: " + statefulSet + ".";
        };
    }

    /** Names, the first few of them when there are many. */
    static String names(List<String> names) {
        if (names.size() <= MAX_LISTED) {
            return String.join(", ", names);
        }
        return String.join(", ", names.subList(0, MAX_LISTED)) + " and " + (names.size() - MAX_LISTED) + " more";
    }

    /** The same list, written as a message shows it (see {@link #perPodUrlsLike}), the password hidden. */
    static String perPodLike(Workload w, Cluster cluster, Route example) {
        return written(perPodUrlsLike(w, cluster, example).stream().map(Redactor::redactUrl).toList());
    }

    /** The pod ordinal a route host names for this StatefulSet ({@code <name>-<i>.<service>...}), or -1. */
    static int ordinal(Workload w, String host) {
        Matcher m = PER_POD.matcher(host);
        if (!m.matches() || !m.group(1).equals(w.name()) || !m.group(3).equals(w.serviceName())) {
            return -1;
        }
        try {
            return Integer.parseInt(m.group(2));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Whether a host looks like one pod's name: {@code <something>-<digits>.<more>}. */
    static boolean looksPerPod(String host) {
        return PER_POD.matcher(host).matches();
    }

    /** The cluster port: cluster.port, the port of cluster.listen, of --cluster, or the default. */
    static int clusterPort(Cluster cluster, int defaultPort) {
        ConfValue block = cluster.clusterBlock();
        if (block != null) {
            ConfValue port = ConfigKeys.get(block, "port");
            if (port != null && port.value() instanceof Long p && p > 0) {
                return p.intValue();
            }
            ConfValue listen = ConfigKeys.get(block, "listen");
            if (listen != null && listen.value() instanceof Long p && p > 0) {
                return p.intValue();
            }
            if (listen != null && listen.value() instanceof String s && s.matches(".*:\\d{1,5}")) {
                return Integer.parseInt(s.substring(s.lastIndexOf(':') + 1));
            }
        }
        if (cluster.workload() != null && cluster.workload().clusterUrl() != null) {
            int port = new Route(cluster.workload().clusterUrl(), null).port();
            if (port > 0) {
                return port;
            }
        }
        return defaultPort;
    }
}
