#!/usr/bin/env bash
# Load on natsguard serve over HTTPS on loopback, with wrk (apt-get install wrk): a typical ConfigMap
# review (the admission corpus' configmap-good-create.json) against the floor of the same server
# (/q/health/live), side by side in one run; then the server's peak RSS. Needs a built webhook
# (mvn -B package -DskipTests).
# With RATE, each connection pauses between requests (wrk's delay()) so that all together send about
# RATE reviews/s: latency at a fixed load rather than at saturation (wrk reports the rate reached).
# usage: bench/webhook-load.sh [SECONDS] [CONNECTIONS] [RATE]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
seconds="${1:-20}"
connections="${2:-16}"
rate="${3:-}"
review="../shared/corpus/admission/configmap-good-create.json"
port=18943
export NATSGUARD_JAVA_OPTS="${NATSGUARD_JAVA_OPTS:--XX:MaxRAM=256m}"
source bench/webhook-serve.sh
serve_webhook "$port" target/webhook-bench.log
lua="$(mktemp --suffix=.lua)"
python3 - "$review" "$lua" <<'PY'
import json, sys
body = json.dumps(json.load(open(sys.argv[1])), separators=(",", ":"))
open(sys.argv[2], "w").write('wrk.method = "POST"\nwrk.headers["Content-Type"] = "application/json"\nwrk.body = ' + json.dumps(body) + "\n")
PY
echo "== warm-up"; wrk -t2 -c"$connections" -d5s -s "$lua" "https://127.0.0.1:$port/validate" > /dev/null
review_args=(-s "$lua"); floor_args=()
if [ -n "$rate" ]; then
  pause="function delay() return $(( connections * 1000 / rate )) end"
  echo "$pause" >> "$lua"
  echo "$pause" > "$lua.floor.lua"; floor_args=(-s "$lua.floor.lua")
  echo "== paced: $connections connections, one request per $(( connections * 1000 / rate )) ms each (about $rate/s)"
fi
echo "== review: POST /validate (ConfigMap, allowed)"
wrk -t2 -c"$connections" -d"${seconds}s" --latency "${review_args[@]}" "https://127.0.0.1:$port/validate"
echo "== floor: GET /q/health/live"
wrk -t2 -c"$connections" -d"${seconds}s" --latency "${floor_args[@]}" "https://127.0.0.1:$port/q/health/live"
echo "== peak RSS of the server: $(grep VmHWM /proc/$pid/status)"
rm -f "$lua" "$lua.floor.lua"
