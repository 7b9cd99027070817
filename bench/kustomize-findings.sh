#!/usr/bin/env bash
# Lint of one Kustomize build with many findings: a kustomization of FILES ConfigMaps, each in a file
# of its own with a nats.conf of FINDINGS unknown fields, so that every finding is mapped from the
# build back to its file. Times `natsguard lint` of each application directory given (side by side,
# in turn, RUNS times each) and prints the median of each.
# usage: bench/kustomize-findings.sh RUNS FILES FINDINGS APP_DIR...   (APP_DIR: a cli/target/quarkus-app)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
runs="$1" files="$2" findings="$3"
shift 3
tree=target/bench-kustomize
rm -rf "$tree"
mkdir -p "$tree"
{
  echo "resources:"
  for ((f = 0; f < files; f++)); do echo "- configmap-$f.yaml"; done
} > "$tree/kustomization.yaml"
for ((f = 0; f < files; f++)); do
  {
    echo "apiVersion: v1"
    echo "kind: ConfigMap"
    echo "metadata: { name: nats-config-$f }"
    echo "data:"
    echo "  nats.conf: |"
    echo "    port: 4222"
    for ((u = 0; u < findings; u++)); do echo "    unknown_${f}_$u: 1"; done
  } > "$tree/configmap-$f.yaml"
done
for app in "$@"; do
  java -jar "$app/quarkus-run.jar" lint "$tree" | tail -1 || true # exit 1: the findings
done
python3 - "$runs" "$tree" "$@" <<'PY'
import statistics, subprocess, sys, time
runs, tree, apps = int(sys.argv[1]), sys.argv[2], sys.argv[3:]
times = {app: [] for app in apps}
for _ in range(runs):
    for app in apps:
        start = time.monotonic()
        subprocess.run(["java", "-jar", f"{app}/quarkus-run.jar", "lint", tree], stdout=subprocess.DEVNULL, check=False)
        times[app].append(time.monotonic() - start)
for app in apps:
    print(f"{app}: median {statistics.median(times[app]):.2f} s of {runs} runs ({', '.join(f'{t:.2f}' for t in times[app])})")
PY
