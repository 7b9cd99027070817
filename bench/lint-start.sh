#!/usr/bin/env bash
# One-file lint (the pre-commit case, dominated by the start) of several builds, interleaved round
# by round so that all see the same machine: each LAUNCHER (a bin/natsguard of a built tree) lints
# examples/bad/single-service-route.yaml once untimed (it makes its start-up cache), then RUNS times
# in turn. Prints each one's median and its ratio to the first. The JDK is the launcher's choice;
# NATSGUARD_JAVA_HOME picks another for all.
# usage: bench/lint-start.sh RUNS LAUNCHER...   e.g. bench/lint-start.sh 40 ../other/bin/natsguard bin/natsguard
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
runs="${1:?usage: bench/lint-start.sh RUNS LAUNCHER...}"
shift
file=examples/bad/single-service-route.yaml
for launcher in "$@"; do
  "$launcher" lint "$file" > /dev/null || true   # exit 1: the file's findings
done
python3 - "$runs" "$file" "$@" <<'PY'
import statistics, subprocess, sys, time
runs, file, launchers = int(sys.argv[1]), sys.argv[2], sys.argv[3:]
times = {launcher: [] for launcher in launchers}
for _ in range(runs):
    for launcher in launchers:
        start = time.monotonic()
        subprocess.run([launcher, "lint", file], stdout=subprocess.DEVNULL, check=False)
        times[launcher].append((time.monotonic() - start) * 1000)
first = statistics.median(times[launchers[0]])
for launcher in launchers:
    median = statistics.median(times[launcher])
    print(f"{launcher}: median {median:.0f} ms of {runs} runs (min {min(times[launcher]):.0f}, "
          f"max {max(times[launcher]):.0f}), {median / first:.2f} of the first")
PY
