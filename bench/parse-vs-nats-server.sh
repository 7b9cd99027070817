#!/usr/bin/env bash
# Whole process: `bin/natsguard parse FILE` against Debian's `nats-server -t -c FILE` on the same
# generated ~4 MB config, side by side in one hyperfine run; then the same on a small config.
# Needs: hyperfine and nats-server (apt-get install hyperfine nats-server), a built natsguard.
# usage: bench/parse-vs-nats-server.sh [RUNS]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
runs="${1:-30}"
[ -f cli/target/quarkus-app/quarkus-run.jar ] || { echo "build first: mvn -B package -DskipTests" >&2; exit 2; }
bench/generate-big-config.sh target/big.conf
small=examples/good/conf/auth.conf
bin/natsguard parse "$small" >/dev/null   # makes the start-up cache if missing
for file in target/big.conf "$small"; do
  name="$(basename "$file" .conf)"
  hyperfine -N --warmup 3 --runs "$runs" --export-json "target/hyperfine-parse-$name.json" \
    -n "natsguard parse ($name)" "bin/natsguard parse $file" \
    -n "nats-server -t ($name)" "nats-server -t -c $file"
  python3 - "target/hyperfine-parse-$name.json" <<'PY'
import json, sys
results = json.load(open(sys.argv[1]))["results"]
for r in results:
    print(f"  {r['command']}: median {r['median']*1000:.0f} ms")
ours, theirs = results[0]["median"], results[1]["median"]
print(f"  ratio natsguard/nats-server (medians): {ours/theirs:.2f}")
PY
done
