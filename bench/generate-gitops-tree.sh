#!/usr/bin/env bash
# Writes a GitOps tree of 2,000 YAML files for the lint benchmark:
#   CLUSTERS NATS clusters, each a folder with configmap.yaml (nats.conf in a block scalar, one
#   route per pod, TLS), statefulset.yaml and service.yaml;
#   the rest of the 2,000 files are unrelated applications, five objects each (Deployment, Service,
#   ConfigMap, ServiceAccount, HorizontalPodAutoscaler).
# usage: bench/generate-gitops-tree.sh OUT_DIR [FILES] [CLUSTERS]
set -euo pipefail
out="${1:?usage: generate-gitops-tree.sh OUT_DIR [FILES] [CLUSTERS]}"
files="${2:-2000}"
clusters="${3:-400}"
rm -rf "$out"
mkdir -p "$out"
for ((c = 0; c < clusters; c++)); do
  ns="team-$c"
  dir="$out/nats/$ns"
  mkdir -p "$dir"
  {
    echo "apiVersion: v1"
    echo "kind: ConfigMap"
    echo "metadata: { name: nats-config, namespace: $ns }"
    echo "data:"
    echo "  nats.conf: |"
    echo "    server_name: \$SERVER_NAME"
    echo "    port: 4222"
    echo "    http_port: 8222"
    echo "    ping_interval: \"2m\""
    echo "    cluster {"
    echo "      name: $ns"
    echo "      port: 6222"
    echo "      routes = ["
    for ((i = 0; i < 3; i++)); do
      echo "        nats://nats-$i.nats-headless.$ns.svc.cluster.local:6222"
    done
    echo "      ]"
    echo "      tls { cert_file: \"/etc/tls/tls.crt\", key_file: \"/etc/tls/tls.key\", ca_file: \"/etc/tls/ca.crt\" }"
    echo "    }"
  } > "$dir/configmap.yaml"
  cat > "$dir/service.yaml" <<YAML
apiVersion: v1
kind: Service
metadata: { name: nats-headless, namespace: $ns }
spec:
  clusterIP: None
  selector: { app: nats }
  ports: [ { name: client, port: 4222 }, { name: cluster, port: 6222 } ]
YAML
  cat > "$dir/statefulset.yaml" <<YAML
apiVersion: apps/v1
kind: StatefulSet
metadata: { name: nats, namespace: $ns }
spec:
  replicas: 3
  serviceName: nats-headless
  selector: { matchLabels: { app: nats } }
  template:
    metadata: { labels: { app: nats } }
    spec:
      containers:
      - name: nats
        image: nats:2.10.22-alpine
        args: [ "--config", "/etc/nats-config/nats.conf" ]
        env:
        - name: SERVER_NAME
          valueFrom: { fieldRef: { fieldPath: metadata.name } }
        volumeMounts:
        - { name: config, mountPath: /etc/nats-config }
        - { name: tls, mountPath: /etc/tls }
      volumes:
      - { name: config, configMap: { name: nats-config } }
      - { name: tls, secret: { secretName: nats-tls } }
YAML
done
apps=$((files - 3 * clusters))
mkdir -p "$out/apps"
for ((a = 0; a < apps; a++)); do
  cat > "$out/apps/app-$a.yaml" <<YAML
apiVersion: apps/v1
kind: Deployment
metadata: { name: app-$a, namespace: apps }
spec:
  replicas: 2
  selector: { matchLabels: { app: app-$a } }
  template:
    metadata: { labels: { app: app-$a } }
    spec:
      serviceAccountName: app-$a
      containers:
      - name: app
        image: registry.example.com/app-$a:1.$a.0
        env: [ { name: NATS_URL, value: "nats://nats.team-0.svc:4222" } ]
        volumeMounts: [ { name: config, mountPath: /etc/app } ]
      volumes: [ { name: config, configMap: { name: app-$a } } ]
---
apiVersion: v1
kind: Service
metadata: { name: app-$a, namespace: apps }
spec:
  selector: { app: app-$a }
  ports: [ { port: 8080 } ]
---
apiVersion: v1
kind: ConfigMap
metadata: { name: app-$a, namespace: apps }
data:
  application.properties: |
    server.port=8080
    nats.url=nats://nats.team-0.svc:4222
---
apiVersion: v1
kind: ServiceAccount
metadata: { name: app-$a, namespace: apps }
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: { name: app-$a, namespace: apps }
spec:
  scaleTargetRef: { apiVersion: apps/v1, kind: Deployment, name: app-$a }
  minReplicas: 2
  maxReplicas: 10
YAML
done
