package io.natsguard.source.helm;

import static io.natsguard.source.helm.ChartTemplates.get;
import static io.natsguard.source.helm.ChartTemplates.mergePatch;
import static io.natsguard.source.helm.ChartTemplates.reread;
import static io.natsguard.source.helm.GoValues.text;
import static io.natsguard.source.helm.GoValues.truthy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The cluster block the chart generates (files/config/cluster.yaml and files/config/tls.yaml), with
 * config.cluster.merge and config.cluster.patch applied. The generated route list carries the
 * provenance of config.cluster.replicas, the value that decides how many routes there are; each
 * route too, except when it holds routeURLs credentials: then the password is what a finding about
 * that route is about.
 */
final class ClusterTemplate {

    private ClusterTemplate() {
    }

    static Traced render(Traced values, String namespace, int maxReplicas) {
        Map<String, Traced> doc = new LinkedHashMap<>();
        doc.put("name", reread(get(values, "statefulSet.name")));
        doc.put("port", reread(get(values, "config.cluster.port")));
        doc.put("no_advertise", reread(get(values, "config.cluster.noAdvertise")));
        Traced routes = routes(values, namespace, maxReplicas);
        if (routes != null) {
            doc.put("routes", routes);
        }
        Traced user = get(values, "config.cluster.routeURLs.user");
        Traced password = get(values, "config.cluster.routeURLs.password");
        if (truthy(user) && truthy(password)) {
            Map<String, Traced> authorization = new LinkedHashMap<>();
            authorization.put("user", new Traced(text(user), user.from()));
            authorization.put("password", new Traced(text(password), password.from()));
            doc.put("authorization", new Traced(authorization, password.from()));
        }
        Traced tlsEnabled = get(values, "config.cluster.tls.enabled");
        if (truthy(tlsEnabled)) {
            doc.put("tls", tls(values, tlsEnabled));
        }
        return mergePatch(new Traced(doc, get(values, "config.cluster.enabled").from()), values, "config.cluster");
    }

    /** One route per replica, as the chart writes them; null past the bound, which the model reports. */
    private static Traced routes(Traced values, String namespace, int maxReplicas) {
        Traced replicas = get(values, "config.cluster.replicas");
        long count = GoValues.toInt(replicas);
        if (Math.abs(count) > maxReplicas) {
            return null; // a million routes are not listed: the model reports the count
        }
        String proto = truthy(get(values, "config.cluster.tls.enabled")) ? "tls" : "nats";
        Traced user = get(values, "config.cluster.routeURLs.user");
        Traced password = get(values, "config.cluster.routeURLs.password");
        String userInfo = truthy(user) && truthy(password)
                ? GoValues.urlQuery(text(user)) + ":" + GoValues.urlQuery(text(password)) + "@" : "";
        String domain = text(get(values, "headlessService.name"));
        if (truthy(get(values, "config.cluster.routeURLs.useFQDN"))) {
            domain += "." + namespace + ".svc." + text(get(values, "config.cluster.routeURLs.k8sClusterDomain"));
        }
        String statefulSet = text(get(values, "statefulSet.name"));
        long port = GoValues.toInt(get(values, "config.cluster.port"));
        List<Traced> routes = new ArrayList<>();
        for (long i : GoValues.until(count)) {
            String url = proto + "://" + userInfo + statefulSet + "-" + i + "." + domain + ":" + port;
            routes.add(new Traced(url, userInfo.isEmpty() ? replicas.from() : password.from()));
        }
        // no item leaves the YAML key "routes:" empty, which reads as null
        return new Traced(routes.isEmpty() ? null : routes, replicas.from());
    }

    private static Traced tls(Traced values, Traced enabled) {
        Map<String, Traced> doc = new LinkedHashMap<>();
        Traced secretName = get(values, "config.cluster.tls.secretName");
        if (truthy(secretName)) {
            String dir = text(get(values, "config.cluster.tls.dir")).replaceFirst("/$", "");
            doc.put("cert_file", new Traced(dir + "/" + text(get(values, "config.cluster.tls.cert")), secretName.from()));
            doc.put("key_file", new Traced(dir + "/" + text(get(values, "config.cluster.tls.key")), secretName.from()));
        }
        Traced ca = get(values, "tlsCA.enabled");
        if (truthy(ca) && (truthy(get(values, "tlsCA.configMapName")) || truthy(get(values, "tlsCA.secretName")))) {
            String file = text(get(values, "tlsCA.dir")) + "/" + text(get(values, "tlsCA.key"));
            doc.put("ca_file", new Traced(file, ca.from()));
        }
        return mergePatch(new Traced(doc, enabled.from()), values, "config.cluster.tls");
    }
}
