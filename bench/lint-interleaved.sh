#!/usr/bin/env bash
# Lint of one path by several builds, interleaved round by round so that all see the same machine
# (a shared one's load moves under a run of one command after the other): each LAUNCHER (a
# bin/natsguard of a built tree) lints PATH once untimed (it makes its start-up cache), then RUNS
# times in turn. Prints each one's median and its ratio to the first, and the median CPU time (user
# + system) of each, which a busy machine disturbs less than the wall clock. NATSGUARD_JAVA_HOME
# picks the JDK for all.
# usage: bench/lint-interleaved.sh RUNS PATH LAUNCHER...   e.g. bench/lint-interleaved.sh 10 target/bench-tree ../main/bin/natsguard bin/natsguard
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
runs="${1:?usage: bench/lint-interleaved.sh RUNS PATH LAUNCHER...}"
path="${2:?usage: bench/lint-interleaved.sh RUNS PATH LAUNCHER...}"
shift 2
for launcher in "$@"; do
  "$launcher" lint "$path" > /dev/null || true   # exit 1: the path's findings
done
python3 - "$runs" "$path" "$@" <<'PY'
import os, statistics, subprocess, sys, time
runs, path, launchers = int(sys.argv[1]), sys.argv[2], sys.argv[3:]
times = {launcher: [] for launcher in launchers}
cpu = {launcher: [] for launcher in launchers}
for _ in range(runs):
    for launcher in launchers:
        before = os.times()
        start = time.monotonic()
        subprocess.run([launcher, "lint", path], stdout=subprocess.DEVNULL, check=False)
        times[launcher].append((time.monotonic() - start) * 1000)
        after = os.times()
        cpu[launcher].append((after.children_user - before.children_user + after.children_system - before.children_system) * 1000)
first = statistics.median(times[launchers[0]])
first_cpu = statistics.median(cpu[launchers[0]])
for launcher in launchers:
    median = statistics.median(times[launcher])
    median_cpu = statistics.median(cpu[launcher])
    print(f"{launcher}: median {median:.0f} ms of {runs} runs (min {min(times[launcher]):.0f}, "
          f"max {max(times[launcher]):.0f}), {median / first:.2f} of the first; CPU {median_cpu:.0f} ms, "
          f"{median_cpu / first_cpu:.2f} of the first")
PY
