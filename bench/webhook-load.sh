#!/usr/bin/env bash
# Load on natsguard serve over HTTPS on loopback, with wrk (apt-get install wrk): a typical ConfigMap
# review (the admission corpus' configmap-good-create.json) against the floor of the same server
# (/q/health/live), side by side in one run; then the server's peak RSS. Needs a built webhook
# (mvn -B -f webhook/pom.xml package -DskipTests).
# usage: bench/webhook-load.sh [SECONDS] [CONNECTIONS]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
seconds="${1:-20}"
connections="${2:-16}"
review="../shared/corpus/admission/configmap-good-create.json"
tls=webhook/src/test/resources/tls
port=18943
export NATSGUARD_JAVA_OPTS="${NATSGUARD_JAVA_OPTS:--XX:MaxRAM=256m}"
bin/natsguard serve --port "$port" --tls-cert "$tls/tls.crt" --tls-key "$tls/tls.key" > target/webhook-bench.log 2>&1 &
pid=$!
trap 'kill "$pid" 2>/dev/null || true' EXIT
for _ in $(seq 1 60); do
  curl -sk "https://127.0.0.1:$port/q/health/ready" >/dev/null 2>&1 && break
  sleep 0.5
done
lua="$(mktemp --suffix=.lua)"
python3 - "$review" "$lua" <<'PY'
import json, sys
body = json.dumps(json.load(open(sys.argv[1])), separators=(",", ":"))
open(sys.argv[2], "w").write('wrk.method = "POST"\nwrk.headers["Content-Type"] = "application/json"\nwrk.body = ' + json.dumps(body) + "\n")
PY
echo "== warm-up"; wrk -t2 -c"$connections" -d5s -s "$lua" "https://127.0.0.1:$port/validate" > /dev/null
echo "== review: POST /validate (ConfigMap, allowed)"
wrk -t2 -c"$connections" -d"${seconds}s" --latency -s "$lua" "https://127.0.0.1:$port/validate"
echo "== floor: GET /q/health/live"
wrk -t2 -c"$connections" -d"${seconds}s" --latency "https://127.0.0.1:$port/q/health/live"
echo "== peak RSS of the server: $(grep VmHWM /proc/$pid/status)"
rm -f "$lua"
