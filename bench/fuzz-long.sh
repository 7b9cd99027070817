#!/usr/bin/env bash
# A long coverage-guided run of one Jazzer target (docs/quality.md, "Fuzzing"). The run happens in
# a clone of the committed HEAD under target/, so that it never shares a target/ folder with another
# build and several targets can run side by side. It prints libFuzzer's closing figures: inputs
# tried, edges covered (cov), features (ft), corpus size, and whether it found anything. A find is
# left in the clone's test resources (…FuzzTestInputs/…/crash-*): copy it into this repository's
# as a seed, fix the code, and it is replayed by every build from then on.
# The parser target is differential: it also feeds its inputs to nats-server v2.14.10's own parser
# (core/src/test/go, built with go build; Go is needed) and fails on a difference, which it saves
# under the clone's core/target/parser-fuzz-differences/ (listed at the end).
# usage: bench/fuzz-long.sh parser|manifests|chart-values|admission [DURATION]   (default 30m)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
target="${1:?usage: bench/fuzz-long.sh parser|manifests|chart-values|admission [DURATION]}"
duration="${2:-30m}"
case "$target" in
  parser)       module=core;    test=ParserFuzzTest ;;
  manifests)    module=core;    test=ManifestFuzzTest ;;
  chart-values) module=core;    test=ChartValuesFuzzTest ;;
  admission)    module=webhook; test=AdmissionFuzzTest ;;
  *) echo "unknown target: $target (parser, manifests, chart-values, admission)" >&2; exit 64 ;;
esac
corpus="$(cd ../shared/corpus 2>/dev/null && pwd)" || { echo "../shared/corpus not found beside the repository" >&2; exit 1; }

work="$PWD/target/fuzz-long/$target"
rm -rf "$work"
mkdir -p "$(dirname "$work")"
git clone -q --no-hardlinks . "$work"
log="$work.log"
echo "== $test for $duration in $work (commit $(git -C "$work" rev-parse --short HEAD)); log: $log"

start=$(date +%s)
# The heap is capped so that the JVM stays under libFuzzer's 2 GiB RSS limit however long it runs;
# JAZZER_FUZZ makes the default Surefire execution fuzz the one test it is given (in its module;
# the modules it depends on are built, and run no test).
status=0
(cd "$work" && JAZZER_FUZZ=1 mvn -B test -pl "$module" -am -DskipFuzz -Dtest="$test" -Djazzer.max_duration="$duration" \
    -Dnatsguard.corpus="$corpus" -DargLine=-Xmx1g -Dsurefire.failIfNoSpecifiedTests=false) > "$log" 2>&1 || status=$?
elapsed=$(( $(date +%s) - start ))

# libFuzzer's last status line (e.g. "#183201 DONE cov: 2271 ft: 9420 corp: 1312/98Kb ...") and its run count.
last="$(grep -P '^#\d+\t' "$log" | tail -1 || true)"
runs="$(grep -Eo 'Done [0-9]+ runs in [0-9]+ second' "$log" | tail -1 || true)"
echo "== wall time: ${elapsed} s; maven exit status: $status"
echo "== last status: ${last:-none}"
echo "== ${runs:-no 'Done' line: the run ended on a find or an error}"
# A find is a new, untracked file beside the committed seeds; the corpus the run grew is kept in .cifuzz-corpus.
finds="$(git -C "$work" status --porcelain --untracked-files=all -- '*FuzzTestInputs*' | sed 's/^?? //' || true)"
echo "== finds: ${finds:-none}"
if [ "$target" = parser ]; then
  echo "== $(grep -Eo '[0-9]+ inputs compared with nats-server.s parser' "$log" | tail -1 || echo "no count of inputs compared")"
  echo "== differences with nats-server's parser: $(ls "$work/core/target/parser-fuzz-differences" 2>/dev/null | tr '\n' ' ' || true)"
fi
echo "== corpus grown: $(find "$work/$module/.cifuzz-corpus" -type f 2>/dev/null | wc -l) inputs"
grep -E 'Tests run:.*Fail|== Java Exception|FuzzTestFindingException' "$log" | tail -5 || true
exit "$status"
