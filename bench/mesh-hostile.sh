#!/usr/bin/env bash
# natsguard mesh against two hostile monitoring endpoints on 127.0.0.1 (FakeMonitor of the tests):
# one /varz streams without end, one drips a byte every 300 ms. Each run's exit code, peak RSS and
# wall time (GNU time), and its first line of output. The JVM options come from the environment:
# the mesh CronJob's are JAVA_TOOL_OPTIONS=-XX:MaxRAM=192m.
# Needs this tree's test classes (mvn -B test-compile) and a built natsguard in NATSGUARD_TREE.
# usage: bench/mesh-hostile.sh [RUNS] [NATSGUARD_TREE]   (default: 3 runs of this tree)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
runs="${1:-3}"
tree="${2:-.}"
urls="$(mktemp)"
java -cp cli/target/test-classes io.natsguard.mesh.FakeMonitor endless dripping > "$urls" &
server=$!
trap 'kill "$server"; rm -f "$urls"' EXIT
until [ "$(wc -l < "$urls")" -ge 2 ]; do sleep 0.1; done
mapfile -t endpoints < "$urls"
"$tree/bin/natsguard" --version > /dev/null 2>&1 || true  # the start-up cache is made out of the timed runs
for ((i = 1; i <= runs; i++)); do
  out="$(mktemp)"
  /usr/bin/time -f "exit %x, max RSS %M KiB, %e s" -o "$out.time" \
    "$tree/bin/natsguard" mesh "${endpoints[@]}" --timeout 1s --deadline 20s > "$out" 2>&1 || true
  echo "run $i: $(cat "$out.time" | tail -1): $(grep -v '^Picked up' "$out" | head -1 | cut -c1-120)"
  rm -f "$out" "$out.time"
done
