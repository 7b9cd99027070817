#!/usr/bin/env bash
# Whole-process lint benchmark: bin/natsguard lint over a generated tree of 2,000 YAML files
# (bench/generate-gitops-tree.sh), against a one-file lint (the pre-commit case) in the same
# hyperfine run; then peak RSS of the tree run with GNU time. Needs hyperfine and a built natsguard.
# usage: bench/lint-tree.sh [RUNS]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
runs="${1:-15}"
[ -f cli/target/quarkus-app/quarkus-run.jar ] || { echo "build first: mvn -B package -DskipTests" >&2; exit 2; }
tree=target/bench-tree
bench/generate-gitops-tree.sh "$tree"
one=examples/bad/single-service-route.yaml
bin/natsguard lint "$one" >/dev/null || true   # makes the start-up cache if missing
bin/natsguard lint "$tree" | tail -1
hyperfine -N -i --warmup 2 --runs "$runs" --export-json target/hyperfine-lint.json \
  -n "lint tree (2,000 files)" "bin/natsguard lint $tree" \
  -n "lint one file" "bin/natsguard lint $one"
objects="$(bin/natsguard lint "$tree" --format json | python3 -c 'import json,sys; print(json.load(sys.stdin)["summary"]["objects"])')"
python3 - target/hyperfine-lint.json "$objects" <<'PY'
import json, sys
results = json.load(open(sys.argv[1]))["results"]
objects = int(sys.argv[2])
tree, one = results[0]["median"], results[1]["median"]
print(f"  objects: {objects}")
print(f"  lint tree median {tree*1000:.0f} ms, one-file median {one*1000:.0f} ms")
print(f"  objects/s, whole process: {objects/tree:,.0f}; once started (tree minus one-file run): {objects/(tree-one):,.0f}")
PY
for i in 1 2 3; do /usr/bin/time -f "  peak RSS %M KB (%e s)" bin/natsguard lint "$tree" >/dev/null; done
