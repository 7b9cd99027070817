#!/usr/bin/env bash
# Many large reviews at once against natsguard serve as the manifests run it: -XX:MaxRAM=256m, one
# CPU (-XX:ActiveProcessorCount=1, and the server pinned to CPU 0 with taskset; the client runs on
# CPU 1). CONCURRENCY clients each post ROUNDS reviews of about 1.3 MB (a ConfigMap whose nats.conf
# is a good cluster config under 1.2 MB of comments: read, parsed and judged in full), each on a
# connection of its own, over HTTPS on loopback. Prints the answers by HTTP status, the 5xx other
# than 503, the 503s, the connections dropped without an answer, p50 and p99 of the answers, and
# the server's peak RSS (VmHWM). Needs a built webhook (mvn -B package -DskipTests).
# NATSGUARD (default bin/natsguard) names the launcher of another build, to measure two side by side.
# usage: bench/webhook-big-reviews.sh [CONCURRENCY] [ROUNDS]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
concurrency="${1:-40}"
rounds="${2:-5}"
port=18945
mkdir -p target
export NATSGUARD_JAVA_OPTS="${NATSGUARD_JAVA_OPTS:--XX:MaxRAM=256m -XX:ActiveProcessorCount=1}"
source bench/webhook-serve.sh
serve_webhook "$port" target/webhook-big-reviews.log taskset -c 0
taskset -c 1 python3 - "$port" webhook/src/test/resources/tls/tls.crt "$concurrency" "$rounds" "$pid" <<'PY'
import http.client, json, ssl, sys, threading, time
port, cert, concurrency, rounds, pid = int(sys.argv[1]), sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
conf = "".join(f"# padding line {i:06d}: comments are read and skipped like any other text of nats.conf\n" for i in range(14500))
conf += """port: 4222
cluster {
  name: big
  port: 6222
  routes = [
    nats://nats-0.nats-headless.big.svc.cluster.local:6222
    nats://nats-1.nats-headless.big.svc.cluster.local:6222
    nats://nats-2.nats-headless.big.svc.cluster.local:6222
  ]
  tls { cert_file: "/etc/tls/tls.crt", key_file: "/etc/tls/tls.key", ca_file: "/etc/tls/ca.crt", verify_and_map: true }
}
"""
review = {"apiVersion": "admission.k8s.io/v1", "kind": "AdmissionReview", "request": {
    "uid": "00000000-0000-4000-8000-000000000001", "kind": {"group": "", "version": "v1", "kind": "ConfigMap"},
    "resource": {"group": "", "version": "v1", "resource": "configmaps"}, "namespace": "big", "operation": "CREATE",
    "userInfo": {"username": "bench"}, "object": {"apiVersion": "v1", "kind": "ConfigMap",
        "metadata": {"name": "nats-config", "namespace": "big"}, "data": {"nats.conf": conf}},
    "oldObject": None, "dryRun": False}}
body = json.dumps(review, separators=(",", ":")).encode()
context = ssl.create_default_context(cafile=cert)
statuses, verdicts, dropped, latencies, lock = {}, {}, [], [], threading.Lock()
peak = {"rss": 0}

def client():
    for _ in range(rounds):
        start = time.monotonic()
        try:
            connection = http.client.HTTPSConnection("localhost", port, context=context, timeout=60)
            connection.request("POST", "/validate?timeout=10s", body, {"Content-Type": "application/json"})
            answer = connection.getresponse()
            text = answer.read()
            connection.close()
            verdict = "-"
            if answer.status == 200:
                reply = json.loads(text)["response"]
                verdict = "not checked" if "not checked" in json.dumps(reply.get("warnings", [])) else \
                    "allowed" if reply["allowed"] else "denied"
            with lock:
                verdicts[verdict] = verdicts.get(verdict, 0) + 1
                statuses[answer.status] = statuses.get(answer.status, 0) + 1
                latencies.append(time.monotonic() - start)
        except Exception as e:
            with lock:
                dropped.append(type(e).__name__)

def sample_rss(stop):
    while not stop.is_set():
        try:
            for line in open(f"/proc/{pid}/status"):
                if line.startswith("VmRSS:"):
                    peak["rss"] = max(peak["rss"], int(line.split()[1]))
        except OSError:
            pass
        time.sleep(0.05)

stop = threading.Event()
sampler = threading.Thread(target=sample_rss, args=(stop,))
sampler.start()
threads = [threading.Thread(target=client) for _ in range(concurrency)]
began = time.monotonic()
for t in threads: t.start()
for t in threads: t.join()
stop.set(); sampler.join()
latencies.sort()
def pct(p): return latencies[min(len(latencies) - 1, int(p * len(latencies)))] * 1000 if latencies else float("nan")
hwm = [l.split()[1] for l in open(f"/proc/{pid}/status") if l.startswith("VmHWM:")][0]
print(f"body: {len(body):,} bytes; {concurrency} clients x {rounds} reviews in {time.monotonic() - began:.1f} s")
print("answers by HTTP status:", dict(sorted(statuses.items())))
print("200 answers:", {v: n for v, n in verdicts.items() if v != "-"})
print("5xx other than 503:", sum(n for s, n in statuses.items() if s >= 500 and s != 503))
print("503:", statuses.get(503, 0))
print("dropped connections:", len(dropped), dict((d, dropped.count(d)) for d in set(dropped)))
print(f"p50 {pct(0.50):.0f} ms, p99 {pct(0.99):.0f} ms")
print(f"server RSS: peak sampled {peak['rss'] / 1024:.0f} MiB, VmHWM {int(hwm) / 1024:.0f} MiB ({hwm} kB)")
PY
echo "== server still alive: $(kill -0 "$pid" 2>/dev/null && echo yes || echo NO)"
grep -ciE "OutOfMemory|Exception" target/webhook-big-reviews.log | sed 's/^/== exception lines in the server log: /'
