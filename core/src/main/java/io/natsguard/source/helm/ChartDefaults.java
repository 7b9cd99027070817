package io.natsguard.source.helm;

import java.io.StringReader;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * The part of chart nats 2.14.2's own values.yaml that the model reads, or that a {@code $tplYaml}
 * template is likely to read. Every value's provenance names it as a chart default.
 */
final class ChartDefaults {

    static final String CHART_NAME = "nats";
    static final String CHART_VERSION = "2.14.2";

    private static final String VALUES = """
            global:
              labels: {}
            nameOverride: ""
            fullnameOverride: ""
            namespaceOverride: ""
            tlsCA:
              enabled: false
              dir: /etc/nats-ca-cert
              key: ca.crt
            config:
              cluster:
                enabled: false
                port: 6222
                replicas: 3
                noAdvertise: true
                routeURLs:
                  user: ""
                  password: ""
                  useFQDN: false
                  k8sClusterDomain: cluster.local
                tls:
                  enabled: false
                  secretName: ""
                  dir: /etc/nats-certs/cluster
                  cert: tls.crt
                  key: tls.key
                  merge: {}
                  patch: []
                merge: {}
                patch: []
              nats:
                port: 4222
              gateway:
                enabled: false
                port: 7222
              monitor:
                enabled: true
                port: 8222
              jetstream:
                enabled: false
              serverNamePrefix: ""
              merge: {}
              patch: []
            container:
              merge: {}
              patch: []
            statefulSet:
              merge: {}
              patch: []
            headlessService:
              merge: {}
              patch: []
            configMap:
              merge: {}
              patch: []
            service:
              merge: {}
              patch: []
            """;

    private ChartDefaults() {
    }

    static Traced values() {
        var root = new Yaml(new LoaderOptions()).compose(new StringReader(VALUES));
        return ValuesReader.read(root, root, "", (site, path, value) -> Provenance.chartDefault(
                value instanceof ScalarNode s ? path + ": " + (s.getValue().isEmpty() ? "\"\"" : s.getValue()) : path));
    }
}
