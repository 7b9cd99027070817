#!/usr/bin/env bash
# The reviews the manifests' matchConditions spare natsguard, counted by its own metric
# (natsguard_review_seconds_count) on a real kube-apiserver (the pinned one of .ci/peers, with etcd):
# a namespace of 500 unrelated ConfigMaps (PORTS of them with a "server.port=8080" line, which the
# conditions send, as "port" is a nats-server option) and 5 NATS ones (the admission corpus'
# configmap-good-create.json), created with one kubectl apply, first with the ca-bundle variant's
# webhook stripped of its matchConditions, then as shipped. Needs a built webhook
# (mvn -B package -pl webhook -am -DskipTests).
# usage: bench/webhook-match-conditions.sh [PORTS]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ports="${1:-100}"
peers="${HOME}/.cache/natsguard/peers"
kube="$peers/kubernetes-v1.36.3"
etcd_bin="$peers/etcd-v3.6.8/etcd"
webhook_port=18944
work="$(mktemp -d)"
source bench/webhook-serve.sh
serve_webhook "$webhook_port" "$work/serve.log"
natsguard_pid="$pid"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
api_port="$(free_port)"; etcd_port="$(free_port)"; etcd_peer="$(free_port)"
openssl genrsa -out "$work/sa.key" 2048 2>/dev/null
openssl rsa -in "$work/sa.key" -pubout -out "$work/sa.pub" 2>/dev/null
echo "bench-token,admin,admin,system:masters" > "$work/tokens.csv"
"$etcd_bin" --name bench --data-dir "$work/etcd" --listen-client-urls "http://127.0.0.1:$etcd_port" \
  --advertise-client-urls "http://127.0.0.1:$etcd_port" --listen-peer-urls "http://127.0.0.1:$etcd_peer" \
  --initial-advertise-peer-urls "http://127.0.0.1:$etcd_peer" --initial-cluster "bench=http://127.0.0.1:$etcd_peer" \
  --unsafe-no-fsync --log-level warn > "$work/etcd.log" 2>&1 &
etcd_pid=$!
"$kube/kube-apiserver" --etcd-servers "http://127.0.0.1:$etcd_port" --bind-address 127.0.0.1 --advertise-address 127.0.0.1 \
  --secure-port "$api_port" --cert-dir "$work/apiserver" --token-auth-file "$work/tokens.csv" \
  --service-account-issuer https://kubernetes.default.svc.cluster.local --service-account-key-file "$work/sa.pub" \
  --service-account-signing-key-file "$work/sa.key" --service-cluster-ip-range 10.0.0.0/24 --authorization-mode RBAC \
  > "$work/kube-apiserver.log" 2>&1 &
api_pid=$!
trap 'kill "$natsguard_pid" "$api_pid" 2>/dev/null || true; wait "$api_pid" 2>/dev/null || true; kill "$etcd_pid" 2>/dev/null || true; wait "$etcd_pid" 2>/dev/null || true' EXIT
k() { "$kube/kubectl" --server "https://127.0.0.1:$api_port" --token bench-token --insecure-skip-tls-verify "$@"; }
for _ in $(seq 1 120); do
  [ "$(k get --raw /readyz 2>/dev/null)" = ok ] && break
  sleep 0.5
done
[ "$(k get --raw /readyz)" = ok ]

# The ca-bundle variant's webhook, called at natsguard serve on loopback (the test certificate is for 127.0.0.1)
"$kube/kubectl" kustomize webhook-manifests/ca-bundle > "$work/rendered.yaml"
python3 - "$work" "$webhook_port" "$ports" <<'PY'
import base64, copy, json, sys, yaml
work, port, ports = sys.argv[1], sys.argv[2], int(sys.argv[3])
config = next(d for d in yaml.safe_load_all(open(work + "/rendered.yaml")) if d["kind"] == "ValidatingWebhookConfiguration")
ca = base64.b64encode(open("webhook/src/test/resources/tls/tls.crt", "rb").read()).decode()
for webhook in config["webhooks"]:
    webhook["clientConfig"] = {"url": f"https://127.0.0.1:{port}/validate", "caBundle": ca}
json.dump(config, open(work + "/shipped.json", "w"))
unconditioned = copy.deepcopy(config)
for webhook in unconditioned["webhooks"]:
    webhook.pop("matchConditions")
json.dump(unconditioned, open(work + "/unconditioned.json", "w"))
nats = json.load(open("../shared/corpus/admission/configmap-good-create.json"))["request"]["object"]
items = []
for i in range(500):
    text = "greeting=hello\ncolor=blue\nretries=3\n" + ("server.port=8080\n" if i < ports else "")
    items.append({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": f"app-{i}"}, "data": {"application.properties": text}})
for i in range(5):
    items.append({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": f"nats-config-{i}"}, "data": nats["data"]})
json.dump({"apiVersion": "v1", "kind": "List", "items": items}, open(work + "/namespace.json", "w"))
PY

reviews() {
  curl -sk "https://127.0.0.1:$webhook_port/q/metrics" | awk '/^natsguard_review_seconds_count\{/ { n += $NF } END { printf "%d\n", n }'
}
run() {
  local name="$1" config="$2" before after start end
  k apply -f "$config" > /dev/null
  sleep 2 # the API server picks the configuration up from its watch
  k create namespace "$name" > /dev/null
  before="$(reviews)"; start="$(date +%s.%N)"
  k apply -n "$name" -f "$work/namespace.json" > /dev/null 2>"$work/$name.warnings"
  end="$(date +%s.%N)"; sleep 1; after="$(reviews)"
  printf '%-32s %5d reviews for 505 ConfigMaps, kubectl apply %.1f s\n' "$name" "$((after - before))" "$(awk "BEGIN { print $end - $start }")"
}
echo "== 500 unrelated ConfigMaps ($ports with server.port), 5 NATS ones"
run without-match-conditions "$work/unconditioned.json"
run with-match-conditions "$work/shipped.json"
